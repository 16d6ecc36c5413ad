/**
 * What the CheckpointCoordinator sends with a trigger (Flink's CheckpointOptions plus the checkpoint's id and
 * timestamp); the barriers a source injects carry the same id and timestamp (§7 Checkpoints).
 */
export type CheckpointingMode = 'EXACTLY_ONCE' | 'AT_LEAST_ONCE';

export interface CheckpointOptions {
  /** 1, 2, 3 ... per job, never reused after a restart. */
  checkpointId: number;
  /** Trigger time (ms). */
  timestamp: number;
  mode: CheckpointingMode;
  /** Only with EXACTLY_ONCE; savepoints are always aligned (§7 Unaligned). */
  unaligned: boolean;
  savepoint: boolean;
}
