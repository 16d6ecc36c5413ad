/**
 * `source.datagen` {count?, ratePerSecond?, keys, keySkew?, maxOutOfOrdernessMs, seed}: Flink's DataGeneratorSource
 * for workshops, emitting `{key, value, timestamp}` records with the record's timestamp as event time. Record n
 * of the job is @sluice/model's datagenRecord(params, n); subtask i emits n = i, i + p, i + 2p, ... < count, so
 * the job as a whole emits each record once, as Flink's generator splits its index range.
 */
import { datagenRecord, type DatagenParams } from '@sluice/model';
import { record } from '../../elements/stream-element.js';
import type { RuntimeContext } from '../../functions/user-function.js';
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import type { CheckpointedOperator, InputStatus, Output, SourceOperator } from '../stream-operator.js';
import { IndexSplits } from './index-splits.js';
import type { RateLimiter } from './rate-limiter.js';
import { EndOfInput, MORE_AVAILABLE, SOURCE_BATCH_SIZE } from './source-batch.js';

export class DatagenSource implements SourceOperator, CheckpointedOperator {
  private readonly endOfInput: EndOfInput;
  private readonly splits: IndexSplits;
  private emitted = 0;

  constructor(
    private readonly operatorId: string,
    private readonly params: DatagenParams & { count?: number | undefined },
    context: RuntimeContext,
    private readonly output: Output,
    private readonly rateLimiter: RateLimiter | undefined,
  ) {
    const end = params.count === undefined ? undefined : params.count - 1;
    this.splits = new IndexSplits({ next: context.subtaskIndex, end, stride: context.parallelism });
    this.endOfInput = new EndOfInput(output);
  }

  emitNext(maxRecords = SOURCE_BATCH_SIZE): InputStatus {
    if (!this.splits.hasNext()) return this.endOfInput.signal();
    let batch = maxRecords;
    if (this.rateLimiter) {
      batch = Math.min(batch, this.rateLimiter.permits(this.emitted));
      if (batch === 0)
        return { status: 'NOTHING_AVAILABLE', retryAfterMs: this.rateLimiter.msUntilNextPermit(this.emitted) };
    }
    let emitted = 0;
    while (emitted < batch && this.splits.hasNext()) {
      const { first, stride, length } = this.splits.nextRun(batch - emitted);
      for (let i = 0; i < length; i++) {
        const generated = datagenRecord(this.params, first + i * stride);
        this.output.collect(record(generated, generated.timestamp));
        this.emitted++;
      }
      emitted += length;
    }
    // A full batch leaves the end to the next call: one record per call (step mode) ends in a step of its own.
    return this.splits.hasNext() || emitted === batch ? MORE_AVAILABLE : this.endOfInput.signal();
  }

  initializeState(state: OperatorSubtaskState): void {
    this.splits.restore(state, this.operatorId);
  }

  snapshotState(): OperatorSubtaskState {
    return this.splits.snapshot();
  }

  open(): void {}
  finish(): void {}
  close(): void {}
}
