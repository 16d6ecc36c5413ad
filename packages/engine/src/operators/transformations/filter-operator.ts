/** `filter` {fn: (value, ctx) => boolean}: Flink's StreamFilter; a truthy result keeps the record as it is. */
import type { StreamRecord } from '../../elements/stream-element.js';
import { AbstractUdfStreamOperator } from '../stream-operator.js';

export class FilterOperator extends AbstractUdfStreamOperator {
  processElement(input: StreamRecord): void {
    if (this.fn(input.value, this.context)) this.output.collect(input);
  }
}
