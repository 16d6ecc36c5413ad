/**
 * What one subtask's checkpoint holds (Flink's TaskStateSnapshot of OperatorSubtaskStates). Plain data, so it
 * survives a structured clone from the task's worker thread to the TaskManager and on to the JobMaster.
 */

/** One operator's state in one subtask. */
export interface OperatorSubtaskState {
  /** Keyed state, one entry per non-empty key group of this subtask's range (§3 Key groups): the unit rescaling moves. */
  keyedState: { keyGroup: number; state: unknown }[];
  /**
   * Operator (non-keyed) list state, e.g. a source's read position split into parts; on rescale the parts are
   * redistributed round-robin (Flink's even-split redistribution).
   */
  operatorState: unknown[];
}

export interface TaskStateSnapshot {
  /** By operator id (the chain's operators). */
  operators: Record<string, OperatorSubtaskState>;
  /** Unaligned checkpoints only: in-flight input elements overtaken by the barrier, per input channel key, restored before new input. */
  inputChannelState: { channel: string; elements: unknown[] }[];
}

/** A checkpoint file that cannot be read back: truncated, garbled, or of another format. */
export class CorruptStateError extends Error {
  override name = 'CorruptStateError';
}
