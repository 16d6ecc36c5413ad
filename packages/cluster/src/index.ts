export { LocalCluster, JobGraphInvalidError, type LocalClusterOptions } from './local-cluster.js';
export type { JobMasterHandle } from './jobmaster/job-master.js';
export type { TaskManagerSignal } from './resourcemanager/resource-manager.js';
export { SavepointRestoreError } from './jobmaster/checkpointing/restore.js';
export { CheckpointException } from './jobmaster/checkpointing/checkpoint-exception.js';
export { nodeFileSystem } from './taskmanager/worker/node-file-system.js';
export { StallWatchdog } from './taskmanager/confinement/stall-watchdog.js';
export { systemTimerService } from './time/timer-service.js';
