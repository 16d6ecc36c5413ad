/**
 * `sink.collect`: hands the values it receives to the host (the TaskManager sends them to the JobMaster, which
 * keeps them per sink in arrival order). Values go in batches, so a busy sink does not cost a message per
 * record; a batch leaves when it is full, FLUSH_INTERVAL_MS after its first value, at the end of input, and at
 * each checkpoint's barrier: the JobMaster then knows which values came before checkpoint n (those it keeps when
 * the job restarts from n) and which after (those the restart replays), so collected output is exactly-once.
 */
import type { StreamRecord } from '../../elements/stream-element.js';
import type { TaskHost } from '../../task/host.js';
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import { giveOwnCode } from '../../util/own-code.js';
import type { CheckpointedOperator, OneInputStreamOperator } from '../stream-operator.js';

export const MAX_BATCH_SIZE = 1024;
export const FLUSH_INTERVAL_MS = 100;

export class CollectSink implements OneInputStreamOperator, CheckpointedOperator {
  /**
   * Allocated once at its full size, filled by index and handed to the host whole when full (the host copies what
   * it keeps): a fresh array per batch was, in a fast chain, most of what the task allocated.
   */
  declare private readonly batch: unknown[];
  private batchSize = 0;
  /** When the batch being filled got its first value: it leaves FLUSH_INTERVAL_MS later at the latest. */
  private batchStartedAt = 0;
  private cancelFlushTimer: (() => void) | undefined;
  /** The step mode shows each record in its sink in the step it arrives. `declare`d: see giveOwnCode. */
  declare private readonly maxBatchSize: number;

  constructor(
    private readonly operatorId: string,
    private readonly host: TaskHost,
  ) {
    this.maxBatchSize = host.stepObserver ? 1 : MAX_BATCH_SIZE;
    this.batch = new Array(this.maxBatchSize);
    // Every record of the chain ends here: code of its own lets V8 inline it into the chain's loop (giveOwnCode).
    giveOwnCode(this, 'processElement');
  }

  processElement(input: StreamRecord): void {
    this.batch[this.batchSize] = input.value;
    const size = ++this.batchSize;
    if (size >= this.maxBatchSize) this.emitBatch();
    else if (size === 1) this.batchStarted();
  }

  /**
   * A batch got its first value. One timer serves batch after batch: a full batch leaves without cancelling it,
   * and when it fires it looks at the batch it finds (gone, due, or due later). A timer set and cancelled per batch
   * cost, under a steady stream, a timer per thousand records.
   */
  private batchStarted(): void {
    this.batchStartedAt = this.host.time.now();
    this.cancelFlushTimer ??= this.host.time.schedule(FLUSH_INTERVAL_MS, () => this.onFlushTimer());
  }

  private onFlushTimer(): void {
    this.cancelFlushTimer = undefined;
    if (this.batchSize === 0) return;
    const wait = this.batchStartedAt + FLUSH_INTERVAL_MS - this.host.time.now();
    if (wait > 0) this.cancelFlushTimer = this.host.time.schedule(wait, () => this.onFlushTimer());
    else this.emitBatch();
  }

  initializeState(): void {}

  /** No state of its own: the values before the barrier leave now, ahead of the task's acknowledgement. */
  snapshotState(): OperatorSubtaskState {
    this.flush();
    return { keyedState: [], operatorState: [] };
  }

  processWatermark(): void {}
  processWatermarkStatus(): void {}
  open(): void {}

  finish(): void {
    this.flush();
  }

  /** Values still batched are dropped here: after a failure or cancel they were never committed. */
  close(): void {
    this.stopFlushTimer();
  }

  /** The batch leaves now, and its timer goes with it. */
  private flush(): void {
    this.stopFlushTimer();
    this.emitBatch();
  }

  private emitBatch(): void {
    if (this.batchSize === 0) return;
    const values = this.batchSize === this.batch.length ? this.batch : this.batch.slice(0, this.batchSize);
    this.batchSize = 0;
    this.host.emitSinkRecords(this.operatorId, values);
  }

  private stopFlushTimer(): void {
    this.cancelFlushTimer?.();
    this.cancelFlushTimer = undefined;
  }
}
