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
    let emitted = 0;
    for (; emitted < maxRecords && this.next < this.elements.length; emitted++) {
      const element = this.elements[this.next] as CollectionElement;
      this.output.collect(record(element.value, element.timestamp));
      this.next += this.stride;
    }
    // A full batch leaves the end to the next call: one record per call (step mode) ends in a step of its own.
    return this.next < this.elements.length || emitted === maxRecords ? MORE_AVAILABLE : this.endOfInput.signal();
  }

  open(): void {}
  finish(): void {}
  close(): void {}
}
