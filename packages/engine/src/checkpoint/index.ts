export type { CheckpointOptions, CheckpointingMode } from './checkpoint-options.js';
export { CorruptStateError, type OperatorSubtaskState, type TaskStateSnapshot } from './task-state-snapshot.js';
export type { TaskFileSystem } from './task-file-system.js';
export { encodeTaskState, decodeTaskState } from './task-state-codec.js';
export { repartitionVertexState } from './repartition.js';
export { assignRestoredState, type CheckpointedSubtask } from './restored-state.js';
