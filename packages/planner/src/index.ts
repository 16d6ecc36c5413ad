export * from './execution-graph.js';
export { planExecutionGraph } from './plan-execution-graph.js';
export { toCliPlan, type CliPlan } from './cli-plan.js';
export { murmurHash } from './keygroups/murmur-hash.js';
export { javaHashCode, stringHashCode } from './keygroups/java-hash-code.js';
export {
  assignToKeyGroup,
  computeOperatorIndexForKeyGroup,
  assignKeyToParallelOperator,
  keyGroupRange,
  type KeyGroupRange,
} from './keygroups/key-group-range-assignment.js';
export { pointwiseConsumers, pointwiseProducers } from './wiring/pointwise.js';
