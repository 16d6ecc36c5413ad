export * from './jobgraph.js';
export * from './catalogue.js';
export * from './max-parallelism.js';
export * from './partitioning.js';
export type { Problem } from './validation/problem.js';
export { validateJobGraph, type ValidationResult } from './validation/validate-job-graph.js';
export { functionSourceProblem } from './validation/function-source.js';
export * from './examples/index.js';
export { jobGraphJsonSchema } from './json-schema.js';
