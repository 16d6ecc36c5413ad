/**
 * The read position of a built-in source, as operator list state (Flink's source readers checkpoint their splits):
 * each split is an arithmetic run of indexes next, next + stride, ... up to end, and the source turns an index
 * into its record. A subtask starts with its own split; restored, it has whatever splits rescaling dealt it (§7
 * Recovery: sources seek to S_k), and reads them round-robin, so unbounded splits all make progress.
 */
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';

export interface IndexSplit {
  next: number;
  /** Last index (inclusive); undefined for an unbounded split. */
  end: number | undefined;
  stride: number;
}

/** Indexes first, first + stride, ... (length of them). */
export interface IndexRun {
  first: number;
  stride: number;
  length: number;
}

const isExhausted = (split: IndexSplit): boolean => split.end !== undefined && split.next > split.end;

export class IndexSplits {
  private splits: IndexSplit[];
  private current = 0;

  constructor(initial: IndexSplit) {
    this.splits = isExhausted(initial) ? [] : [{ ...initial }];
  }

  hasNext(): boolean {
    return this.splits.length > 0;
  }

  /**
   * The next up to `maxLength` indexes of one split, the splits taking turns run by run; only when hasNext().
   * A run rather than an index per call: the source's per-record loop is then a counted loop.
   */
  nextRun(maxLength: number): IndexRun {
    const split = this.splits[this.current]!;
    let length = maxLength;
    if (split.end !== undefined) {
      const left = Math.floor((split.end - split.next) / split.stride) + 1;
      if (left < length) length = left;
    }
    const run = { first: split.next, stride: split.stride, length };
    split.next += length * split.stride;
    if (isExhausted(split)) this.splits.splice(this.current, 1);
    else this.current++;
    if (this.current >= this.splits.length) this.current = 0;
    return run;
  }

  snapshot(): OperatorSubtaskState {
    return { keyedState: [], operatorState: this.splits.map((split) => ({ ...split })) };
  }

  restore({ operatorState }: OperatorSubtaskState, operatorId: string): void {
    this.splits = operatorState.map((part, i) => {
      const split = part as Partial<IndexSplit>;
      const valid =
        Number.isSafeInteger(split.next) &&
        Number.isSafeInteger(split.stride) &&
        split.stride! > 0 &&
        (split.end === undefined || Number.isSafeInteger(split.end));
      if (!valid)
        throw new Error(
          `operator "${operatorId}": restored operator state [${i}] is not a source split {next, end?, stride}: ${JSON.stringify(part)}`,
        );
      return { next: split.next!, end: split.end, stride: split.stride! };
    });
    this.splits = this.splits.filter((split) => !isExhausted(split));
    this.current = 0;
  }
}
