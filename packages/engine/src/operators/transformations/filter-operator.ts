/** `filter` {fn: (value, ctx) => boolean}: Flink's StreamFilter; a truthy result keeps the record as it is. */
import type { StreamRecord } from '../../elements/stream-element.js';
import type { RuntimeContext, UserFunction } from '../../functions/user-function.js';
import { giveOwnCode } from '../../util/own-code.js';
import { AbstractUdfStreamOperator, type Output } from '../stream-operator.js';

export class FilterOperator extends AbstractUdfStreamOperator {
  /** processElement is code of its own (giveOwnCode), so V8 inlines this operator's function and successor into it. */
  constructor(fn: UserFunction, context: RuntimeContext, output: Output) {
    super(fn, context, output);
    giveOwnCode(this, 'processElement');
  }

  processElement(input: StreamRecord): void {
    if (this.fn(input.value, this.context)) this.output.collect(input);
  }
}
