/** `map` {fn: (value, ctx) => result}: Flink's StreamMap; the result keeps the input record's timestamp. */
import { record, type StreamRecord } from '../../elements/stream-element.js';
import type { RuntimeContext, UserFunction } from '../../functions/user-function.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

export class MapOperator extends AbstractStreamOperator {
  constructor(
    private readonly fn: UserFunction,
    private readonly context: RuntimeContext,
    output: Output,
  ) {
    super(output);
  }

  processElement(input: StreamRecord): void {
    this.output.collect(record(this.fn(input.value, this.context), input.timestamp));
  }
}
