/**
 * `source.collection` {elements: [{value, timestamp?}]}: Flink's fromData/fromCollection, made parallel the
 * way the JobGraph contract asks: element i is emitted by subtask i % p, in order, so the job as a whole emits
 * each element exactly once. An element's timestamp becomes its record's event timestamp.
 */
import { record } from '../../elements/stream-element.js';
import type { RuntimeContext } from '../../functions/user-function.js';
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import type { CheckpointedOperator, InputStatus, Output, SourceOperator } from '../stream-operator.js';
import { IndexSplits } from './index-splits.js';
import { EndOfInput, MORE_AVAILABLE, SOURCE_BATCH_SIZE } from './source-batch.js';

export interface CollectionElement {
  value: unknown;
  timestamp?: number | undefined;
}

export class CollectionSource implements SourceOperator, CheckpointedOperator {
  private readonly endOfInput: EndOfInput;
  private readonly splits: IndexSplits;

  constructor(
    private readonly operatorId: string,
    private readonly elements: readonly CollectionElement[],
    context: RuntimeContext,
    private readonly output: Output,
  ) {
    this.splits = new IndexSplits({
      next: context.subtaskIndex,
      end: elements.length - 1,
      stride: context.parallelism,
    });
    this.endOfInput = new EndOfInput(output);
  }

  emitNext(maxRecords = SOURCE_BATCH_SIZE): InputStatus {
    let emitted = 0;
    while (emitted < maxRecords && this.splits.hasNext()) {
      const { first, stride, length } = this.splits.nextRun(maxRecords - emitted);
      for (let i = 0; i < length; i++) {
        const element = this.elements[first + i * stride] as CollectionElement;
        this.output.collect(record(element.value, element.timestamp));
      }
      emitted += length;
    }
    // A full batch leaves the end to the next call: one record per call (step mode) ends in a step of its own.
    return this.splits.hasNext() || emitted === maxRecords ? MORE_AVAILABLE : this.endOfInput.signal();
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
