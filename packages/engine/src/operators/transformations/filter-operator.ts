/** `filter` {fn: (value, ctx) => boolean}: Flink's StreamFilter; a truthy result keeps the record as it is. */
import type { StreamRecord } from '../../elements/stream-element.js';
import type { RuntimeContext, UserFunction } from '../../functions/user-function.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

export class FilterOperator extends AbstractStreamOperator {
  constructor(
    private readonly fn: UserFunction,
    private readonly context: RuntimeContext,
    output: Output,
  ) {
    super(output);
  }

  processElement(input: StreamRecord): void {
    if (this.fn(input.value, this.context)) this.output.collect(input);
  }
}
