/**
 * `source.collection` {elements: [{value, timestamp?}]}: Flink's fromData/fromCollection, made parallel the
 * way the JobGraph contract asks: element i is emitted by subtask i % p, in order, so the job as a whole emits
 * each element exactly once. An element's timestamp becomes its record's event timestamp.
 */
import { record } from '../../elements/stream-element.js';
import type { RuntimeContext } from '../../functions/user-function.js';
import type { InputStatus, Output, SourceOperator } from '../stream-operator.js';
import { EndOfInput, MORE_AVAILABLE, SOURCE_BATCH_SIZE } from './source-batch.js';

export interface CollectionElement {
  value: unknown;
  timestamp?: number | undefined;
}

export class CollectionSource implements SourceOperator {
  private readonly endOfInput: EndOfInput;
  private readonly stride: number;
  private next: number;

  constructor(
    private readonly elements: readonly CollectionElement[],
    context: RuntimeContext,
    private readonly output: Output,
  ) {
    this.next = context.subtaskIndex;
    this.stride = context.parallelism;
    this.endOfInput = new EndOfInput(output);
  }

  emitNext(maxRecords = SOURCE_BATCH_SIZE): InputStatus {
    for (let i = 0; i < maxRecords && this.next < this.elements.length; i++) {
      const element = this.elements[this.next] as CollectionElement;
      this.output.collect(record(element.value, element.timestamp));
      this.next += this.stride;
    }
    return this.next < this.elements.length ? MORE_AVAILABLE : this.endOfInput.signal();
  }

  open(): void {}
  finish(): void {}
  close(): void {}
}
