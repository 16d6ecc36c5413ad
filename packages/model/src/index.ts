export * from './jobgraph.js';
export * from './catalogue.js';
export * from './datagen.js';
export * from './max-parallelism.js';
export * from './partitioning.js';
export * from './topological-order.js';
export * from './virtual-union.js';
export type { Problem } from './validation/problem.js';
export {
  validateJobGraph,
  type ValidationOptions,
  type ValidationResult,
} from './validation/validate-job-graph.js';
export { JOB_GRAPH_LIMITS } from './validation/size-limits.js';
export * from './examples/index.js';
export { jobGraphJsonSchema } from './json-schema.js';
export * from './flink-import/import-flink-plan.js';
