export { LocalCluster, JobGraphInvalidError, type LocalClusterOptions } from './local-cluster.js';
export type { JobMasterHandle } from './jobmaster/job-master.js';
export type { TaskManagerSignal } from './resourcemanager/resource-manager.js';
export { SavepointRestoreError } from './jobmaster/checkpointing/restore.js';
export { CheckpointException } from './jobmaster/checkpointing/checkpoint-exception.js';
export { systemTimerService, type TimerService } from './time/timer-service.js';
export { ManualTimerService } from './time/manual-timer-service.js';
export { nodeFileSystem } from './taskmanager/worker/node-file-system.js';
export { allocateHeartbeat, Heartbeat, StallWatchdog } from './taskmanager/confinement/stall-watchdog.js';
