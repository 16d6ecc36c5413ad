/**
 * `source.sequence` {from, to?, ratePerSecond?}: Flink's fromSequence (NumberSequenceSource). A bounded range is
 * split into one contiguous split per subtask, sizes differing by at most one (the first `total % p` splits
 * hold one more, as NumberSequenceIterator.split does), so the job as a whole emits every number of [from, to]
 * exactly once. Flink's enumerator hands splits to whichever reader asks first; here split i is subtask i's, so
 * a run is reproducible.
 * Without `to` the sequence is unbounded; it cannot be cut into contiguous pieces, so subtask i emits
 * from + i, from + i + p, ... instead, which still emits every number at most once.
 */
import type { StreamRecord } from '../../elements/stream-element.js';
import type { RuntimeContext } from '../../functions/user-function.js';
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import type { CheckpointedOperator, InputStatus, Output, SourceOperator } from '../stream-operator.js';
import { IndexSplits } from './index-splits.js';
import type { RateLimiter } from './rate-limiter.js';
import { EndOfInput, MORE_AVAILABLE, SOURCE_BATCH_SIZE } from './source-batch.js';

export interface SequenceSplit {
  /** First number of this subtask. */
  start: number;
  /** Last number (inclusive); undefined for an unbounded sequence. */
  end: number | undefined;
  /** Distance between consecutive numbers of this subtask. */
  stride: number;
}

export function sequenceSplit(from: number, to: number | undefined, subtaskIndex: number, parallelism: number): SequenceSplit {
  if (to === undefined) return { start: from + subtaskIndex, end: undefined, stride: parallelism };
  const total = Math.max(0, to - from + 1);
  const base = Math.floor(total / parallelism);
  const withOneMore = total % parallelism;
  const start = from + subtaskIndex * base + Math.min(subtaskIndex, withOneMore);
  const size = base + (subtaskIndex < withOneMore ? 1 : 0);
  return { start, end: start + size - 1, stride: 1 };
}

export class SequenceSource implements SourceOperator, CheckpointedOperator {
  private readonly splits: IndexSplits;
  private readonly endOfInput: EndOfInput;
  private emitted = 0;
  /**
   * One record object for every number, as Flink's SourceOutputWithWatermarks reuses its StreamRecord: nothing
   * holds a record once collect() returns (a RecordWriter serializes it, a fork copies it for all branches but
   * the last, the step observer copies it), so a fresh object per number would only feed the garbage collector.
   */
  private readonly reusedRecord: StreamRecord = { kind: 'record', value: undefined };

  constructor(
    private readonly operatorId: string,
    params: { from: number; to?: number | undefined },
    context: RuntimeContext,
    private readonly output: Output,
    private readonly rateLimiter: RateLimiter | undefined,
  ) {
    const { start, end, stride } = sequenceSplit(params.from, params.to, context.subtaskIndex, context.parallelism);
    this.splits = new IndexSplits({ next: start, end, stride });
    this.endOfInput = new EndOfInput(output);
  }

  emitNext(maxRecords = SOURCE_BATCH_SIZE): InputStatus {
    if (!this.splits.hasNext()) return this.endOfInput.signal();
    let batch = maxRecords;
    if (this.rateLimiter) {
      batch = Math.min(batch, this.rateLimiter.permits(this.emitted));
      if (batch === 0) return { status: 'NOTHING_AVAILABLE', retryAfterMs: this.rateLimiter.msUntilNextPermit(this.emitted) };
    }
    let emitted = 0;
    for (; emitted < batch && this.splits.hasNext(); emitted++) {
      this.reusedRecord.value = this.splits.nextIndex();
      this.output.collect(this.reusedRecord);
    }
    this.emitted += emitted;
    // A full batch leaves the end to the next call: one record per call (step mode) ends in a step of its own.
    return !this.splits.hasNext() && emitted < batch ? this.endOfInput.signal() : MORE_AVAILABLE;
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
