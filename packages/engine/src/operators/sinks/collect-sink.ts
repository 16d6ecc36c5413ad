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
  /** Allocated at its full size and filled by index: pushing would grow it several times per batch. */
  private batch: unknown[];
  private batchSize = 0;
  private cancelScheduledFlush: (() => void) | undefined;
  /** The step mode shows each record in its sink in the step it arrives. `declare`d: see giveOwnCode. */
  private declare readonly maxBatchSize: number;

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
    if (size >= this.maxBatchSize) this.flush();
    // Only a batch's first value starts its timer: flush() empties the batch and cancels the timer together.
    else if (size === 1) this.scheduleFlush();
  }

  /** Not inline in processElement: a method given its own code may hold no nested function (giveOwnCode). */
  private scheduleFlush(): void {
    this.cancelScheduledFlush = this.host.time.schedule(FLUSH_INTERVAL_MS, () => this.flush());
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
    this.cancelFlushTimer();
  }

  private flush(): void {
    this.cancelFlushTimer();
    if (this.batchSize === 0) return;
    const values = this.batch;
    values.length = this.batchSize;
    this.batch = new Array(this.maxBatchSize);
    this.batchSize = 0;
    this.host.emitSinkRecords(this.operatorId, values);
  }

  private cancelFlushTimer(): void {
    this.cancelScheduledFlush?.();
    this.cancelScheduledFlush = undefined;
  }
}
