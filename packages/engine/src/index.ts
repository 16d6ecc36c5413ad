export * from './task/deployment.js';
export * from './task/host.js';
export * from './network/messages.js';
export {
  NetworkBufferPool,
  releaseAbandonedReservation,
  type NetworkBufferPoolFigures,
} from './network/network-buffer-pool.js';
export { startStreamTask, type RunningTask } from './task/stream-task.js';
export { buildTaskDeploymentDescriptors, type DeploymentInput } from './task/deployment-descriptors.js';
export {
  LocalExecution,
  runLocally,
  localDeploymentDescriptors,
  type LocalCompletedCheckpoint,
  type LocalJob,
  type LocalRunResult,
  type LocalRunOptions,
  type LocalTaskOutcome,
  type LocalJobStatus,
} from './local/local-execution.js';
export { DeterministicScheduler } from './local/deterministic-scheduler.js';
export type { LocalTaskInspection } from './local/local-execution.js';
export type { StepObserver } from './task/step-observer.js';
export * from './step/index.js';
export {
  createOperatorChain,
  type ChainedOperatorInspection,
  type OperatorChain,
  type OperatorChainServices,
} from './operators/operator-chain.js';
export type {
  InputStatus,
  Output,
  OneInputStreamOperator,
  OperatorInspection,
  SourceOperator,
  StreamOperator,
} from './operators/stream-operator.js';
export {
  UserFunctionError,
  compileUserFunction,
  type RuntimeContext,
  type UserFunction,
} from './functions/user-function.js';
export * from './checkpoint/index.js';
export { SOURCE_BATCH_SIZE } from './operators/sources/source-batch.js';
