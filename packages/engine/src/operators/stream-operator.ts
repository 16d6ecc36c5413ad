/**
 * The operator contract, after Flink's StreamOperator, OneInputStreamOperator and Output. The StreamTask owns
 * the inputs (network, StatusWatermarkValve) and calls these methods from its mailbox thread; an operator pushes
 * downstream through its Output, which the OperatorChain connects to the next operator or to a RecordWriter.
 */
import type { StreamRecord, Watermark, WatermarkStatus } from '../elements/stream-element.js';
import type { OperatorSubtaskState } from '../checkpoint/task-state-snapshot.js';
import type { RuntimeContext, UserFunction } from '../functions/user-function.js';

/** Flink's Output: what an operator pushes into (the next chained operator, or a RecordWriter). */
export interface Output {
  collect(record: StreamRecord): void;
  /** Flink's `output.collect(OutputTag, record)`: records for the edges with `"sideOutput": tag`. */
  collectSideOutput(tag: string, record: StreamRecord): void;
  emitWatermark(watermark: Watermark): void;
  emitWatermarkStatus(status: WatermarkStatus): void;
}

/**
 * What the step view shows inside an operator: its pending timers (Flink's InternalTimerService) and the
 * contents of its open windows. Plain data, JSON-serializable (it crosses a postMessage to the UI).
 */
export interface OperatorInspection {
  /** Pending timers, ascending by time within each domain; `key` is absent for timers of a non-keyed operator. */
  timers: { time: number; domain: 'event' | 'processing'; key?: unknown }[];
  /** Open windows: `value` is the aggregate so far, `count` the records in the window. */
  windows: { key: unknown; start: number; end: number; value: unknown; count: number }[];
  /**
   * A process function's keyed state, per key and state: a value state's value, a list state's array, a map
   * state's entries as [key, value] pairs. Absent for operators whose state is not the user's.
   */
  state?: { key: unknown; name: string; kind: 'value' | 'list' | 'map'; value: unknown }[];
}

/** The lifecycle every operator of a chain goes through (Flink's StreamOperator). */
export interface StreamOperator {
  /** Before the first element; operators that keep timers or periodic work register it here. */
  open(): void;
  /** End of input: flush what the operator holds back. */
  finish(): void;
  /** Releases scheduled processing-time callbacks; called after finish() or on cancel/failure. */
  close(): void;
  /** Operators that hold timers or windows show them; the others have nothing to show. */
  inspect?(): OperatorInspection;
}

/**
 * An operator with state that checkpoints take and recovery gives back (Flink's StreamOperator#snapshotState and
 * #initializeState, with its CheckpointListener). Stateless operators do not implement it.
 */
export interface CheckpointedOperator {
  /** Restored state, before open(): keyed state of this subtask's key groups, operator state parts dealt to it. */
  initializeState(state: OperatorSubtaskState): void;
  /** The state as of the barrier of checkpoint n: a copy, the operator goes on changing its own. */
  snapshotState(checkpointId: number): OperatorSubtaskState;
  /** Checkpoint n is complete job-wide: what it covers is final (a two-phase-commit sink commits). */
  notifyCheckpointComplete?(checkpointId: number): void;
  notifyCheckpointAborted?(checkpointId: number): void;
}

export interface OneInputStreamOperator extends StreamOperator {
  processElement(record: StreamRecord): void;
  /** A watermark that already passed the task's StatusWatermarkValve (or the previous operator of the chain). */
  processWatermark(watermark: Watermark): void;
  processWatermarkStatus(status: WatermarkStatus): void;
}

/**
 * Flink's TwoInputStreamOperator: the head of a chain fed by two inputs (connect). Each input's watermark has passed
 * the task's valve over that input's channels; the operator combines the two (TwoInputWatermarks).
 */
export interface TwoInputStreamOperator extends StreamOperator {
  processElement1(record: StreamRecord): void;
  processElement2(record: StreamRecord): void;
  processWatermark1(watermark: Watermark): void;
  processWatermark2(watermark: Watermark): void;
  processWatermarkStatus1(status: WatermarkStatus): void;
  processWatermarkStatus2(status: WatermarkStatus): void;
}

/** Flink's InputStatus, as returned by a source's emitNext (Flink's SourceOperator#emitNext). */
export type InputStatus =
  | { status: 'MORE_AVAILABLE' }
  /** Nothing to emit now, e.g. a rate-limited source: ask again after retryAfterMs. */
  | { status: 'NOTHING_AVAILABLE'; retryAfterMs: number }
  | { status: 'END_OF_INPUT' };

/** The head of a source chain: it has no input, the task polls it. */
export interface SourceOperator extends StreamOperator {
  /** Emits at most `maxRecords` records (default: a small batch) into its Output, then returns; the step mode asks for one. */
  emitNext(maxRecords?: number): InputStatus;
}

/**
 * Flink's AbstractStreamOperator defaults: event time and idleness pass through unchanged, and there is nothing
 * to open, flush or release. Operators override what they need.
 */
export abstract class AbstractStreamOperator implements OneInputStreamOperator {
  /** `declare`d and set in the constructor, so V8 takes it for a constant (see giveOwnCode). */
  declare protected readonly output: Output;

  constructor(output: Output) {
    this.output = output;
  }

  abstract processElement(record: StreamRecord): void;

  processWatermark(watermark: Watermark): void {
    this.output.emitWatermark(watermark);
  }

  processWatermarkStatus(status: WatermarkStatus): void {
    this.output.emitWatermarkStatus(status);
  }

  open(): void {}
  finish(): void {}
  close(): void {}
}

/** Flink's AbstractUdfStreamOperator: an operator around one user function, called with the runtime context last. */
export abstract class AbstractUdfStreamOperator extends AbstractStreamOperator {
  /** `declare`d and set in the constructor, so V8 takes them for constants (see giveOwnCode). */
  declare protected readonly fn: UserFunction;
  declare protected readonly context: RuntimeContext;

  constructor(fn: UserFunction, context: RuntimeContext, output: Output) {
    super(output);
    this.fn = fn;
    this.context = context;
  }
}
