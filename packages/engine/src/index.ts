export * from './task/deployment.js';
export * from './task/host.js';
export * from './network/messages.js';
export { startStreamTask, type RunningTask } from './task/stream-task.js';
export { buildTaskDeploymentDescriptors, type DeploymentInput } from './task/deployment-descriptors.js';
export { LocalExecution, runLocally, localDeploymentDescriptors, type LocalJob, type LocalRunResult, type LocalRunOptions, type LocalTaskOutcome, type LocalJobStatus } from './local/local-execution.js';
export { DeterministicScheduler } from './local/deterministic-scheduler.js';
