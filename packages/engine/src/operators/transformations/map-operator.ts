/**
 * `map` {fn: (value, ctx) => result}: Flink's StreamMap; the result keeps the input record's timestamp. Like
 * StreamMap (`element.replace(result)`), the input record itself carries the result on: no object per record.
 * That is safe because nothing holds a record once it has been passed on: a RecordWriter serializes it at once,
 * the step observer copies it, and a fork gives every branch but the last its own copy (ChainOutput).
 */
import type { StreamRecord } from '../../elements/stream-element.js';
import type { RuntimeContext, UserFunction } from '../../functions/user-function.js';
import { giveOwnCode } from '../../util/own-code.js';
import { AbstractUdfStreamOperator, type Output } from '../stream-operator.js';

export class MapOperator extends AbstractUdfStreamOperator {
  /** processElement is code of its own (giveOwnCode), so V8 inlines this operator's function and successor into it. */
  constructor(fn: UserFunction, context: RuntimeContext, output: Output) {
    super(fn, context, output);
    giveOwnCode(this, 'processElement');
  }

  processElement(input: StreamRecord): void {
    input.value = this.fn(input.value, this.context);
    this.output.collect(input);
  }
}
