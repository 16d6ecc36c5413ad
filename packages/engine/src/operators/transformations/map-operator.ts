/**
 * `map` {fn: (value, ctx) => result}: Flink's StreamMap; the result keeps the input record's timestamp. Like
 * StreamMap (`element.replace(result)`), the input record itself carries the result on: no object per record.
 * That is safe because nothing holds a record once it has been passed on: a RecordWriter serializes it at once,
 * the step observer copies it, and a fork gives every branch but the last its own copy (ChainOutput).
 */
import type { StreamRecord } from '../../elements/stream-element.js';
import { AbstractUdfStreamOperator } from '../stream-operator.js';

export class MapOperator extends AbstractUdfStreamOperator {
  processElement(input: StreamRecord): void {
    input.value = this.fn(input.value, this.context);
    this.output.collect(input);
  }
}
