/**
 * `source.sequence` {from, to?, ratePerSecond?}: Flink's fromSequence (NumberSequenceSource). A bounded range is
 * split into one contiguous split per subtask, sizes differing by at most one (the first `total % p` splits
 * hold one more, as NumberSequenceIterator.split does), so the job as a whole emits every number of [from, to]
 * exactly once. Flink's enumerator hands splits to whichever reader asks first; here split i is subtask i's, so
 * a run is reproducible.
 * Without `to` the sequence is unbounded; it cannot be cut into contiguous pieces, so subtask i emits
 * from + i, from + i + p, ... instead, which still emits every number at most once.
 */
import type { RuntimeContext } from '../../functions/user-function.js';
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import type { CheckpointedOperator, InputStatus, Output, SourceOperator } from '../stream-operator.js';
import { giveOwnCode } from '../../util/own-code.js';
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

export function sequenceSplit(
  from: number,
  to: number | undefined,
  subtaskIndex: number,
  parallelism: number,
): SequenceSplit {
  if (to === undefined) return { start: from + subtaskIndex, end: undefined, stride: parallelism };
  const total = Math.max(0, to - from + 1);
  const base = Math.floor(total / parallelism);
  const withOneMore = total % parallelism;
  const start = from + subtaskIndex * base + Math.min(subtaskIndex, withOneMore);
  const size = base + (subtaskIndex < withOneMore ? 1 : 0);
  return { start, end: start + size - 1, stride: 1 };
}

export class SequenceSource implements SourceOperator, CheckpointedOperator {
  /** What emitRecords reads: `declare`d and set in the constructor, so V8 takes them for constants (see giveOwnCode). */
  declare private readonly splits: IndexSplits;
  declare private readonly output: Output;
  private readonly endOfInput: EndOfInput;
  private emitted = 0;

  constructor(
    private readonly operatorId: string,
    params: { from: number; to?: number | undefined },
    context: RuntimeContext,
    output: Output,
    private readonly rateLimiter: RateLimiter | undefined,
  ) {
    const { start, end, stride } = sequenceSplit(params.from, params.to, context.subtaskIndex, context.parallelism);
    this.output = output;
    this.splits = new IndexSplits({ next: start, end, stride });
    this.endOfInput = new EndOfInput(output);
    giveOwnCode(this, 'emitRecords');
  }

  emitNext(maxRecords = SOURCE_BATCH_SIZE): InputStatus {
    if (!this.splits.hasNext()) return this.endOfInput.signal();
    let batch = maxRecords;
    if (this.rateLimiter) {
      batch = Math.min(batch, this.rateLimiter.permits(this.emitted));
      if (batch === 0)
        return { status: 'NOTHING_AVAILABLE', retryAfterMs: this.rateLimiter.msUntilNextPermit(this.emitted) };
    }
    const emitted = this.emitRecords(batch);
    this.emitted += emitted;
    // A full batch leaves the end to the next call: one record per call (step mode) ends in a step of its own.
    return !this.splits.hasNext() && emitted < batch ? this.endOfInput.signal() : MORE_AVAILABLE;
  }

  /**
   * The per-record loop, with code of its own (giveOwnCode) so that V8 inlines the chain behind it into it. A
   * fresh record per number rather than one reused as Flink's SourceOutputWithWatermarks does: where the chain is
   * inlined V8 allocates none (the record never leaves the loop), while storing each value into a long-lived
   * record costs a write barrier per number.
   */
  private emitRecords(maxRecords: number): number {
    let emitted = 0;
    while (emitted < maxRecords && this.splits.hasNext()) {
      const { first, stride, length } = this.splits.nextRun(maxRecords - emitted);
      for (let i = 0; i < length; i++) this.output.collect({ kind: 'record', value: first + i * stride });
      emitted += length;
    }
    return emitted;
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
