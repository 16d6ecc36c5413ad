/**
 * `flatMap` {fn: (value, ctx) => iterable}: Flink's StreamFlatMap. The function returns an array or any other
 * iterable (a generator function works too); every value it yields goes out with the input's timestamp.
 */
import { record, type StreamRecord } from '../../elements/stream-element.js';
import { UserFunctionError, type RuntimeContext, type UserFunction } from '../../functions/user-function.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';

const isIterable = (value: unknown): value is Iterable<unknown> =>
  value !== null &&
  value !== undefined &&
  typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

export class FlatMapOperator extends AbstractStreamOperator {
  constructor(
    private readonly operatorId: string,
    private readonly fn: UserFunction,
    private readonly context: RuntimeContext,
    output: Output,
  ) {
    super(output);
  }

  processElement(input: StreamRecord): void {
    const result = this.fn(input.value, this.context);
    // A string is iterable, but a flatMap returning one is a mistake, not a request to split it into characters.
    if (!isIterable(result) || typeof result === 'string') {
      throw new UserFunctionError(
        this.operatorId,
        new TypeError(`flatMap must return an array or an iterable, got ${describe(result)}`),
      );
    }
    const values = result[Symbol.iterator]();
    for (;;) {
      const next = this.userStep(values);
      if (next.done) return;
      this.output.collect(record(next.value, input.timestamp));
    }
  }

  /** A generator runs the user's code while it is iterated, so each step is the user's code too. */
  private userStep(values: Iterator<unknown>): IteratorResult<unknown> {
    try {
      return values.next();
    } catch (error) {
      throw new UserFunctionError(this.operatorId, error);
    }
  }
}

const describe = (value: unknown): string =>
  value === null ? 'null' : typeof value === 'string' ? 'a string' : typeof value;
