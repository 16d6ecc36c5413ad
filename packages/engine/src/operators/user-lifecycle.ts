/**
 * `open` and `close` of a function-bearing operator (design.md, precise points): Flink's RichFunction#open and
 * #close, "(ctx) => void" once per operator instance before its first record and after its last. Their `ctx` is the
 * one the operator's functions get, whose `local` is a plain object private to the instance (not checkpointed: a
 * restarted task begins with an empty one and opens again).
 */
import type { RuntimeContext, UserFunction } from '../functions/user-function.js';
import type { ChainedOperator } from './operator-factory.js';

/** The `ctx` of a function-bearing operator's functions: the RuntimeContext and the instance's own fields. */
export type FunctionContext = RuntimeContext & { local: Record<string, unknown> };

export const functionContext = (runtimeContext: RuntimeContext): FunctionContext => ({
  ...runtimeContext,
  local: {},
});

/** The operator opens, then the user's open runs; the user's close runs before the operator closes. */
export function withUserLifecycle(
  chained: ChainedOperator,
  functions: { open: UserFunction | undefined; close: UserFunction | undefined },
  ctx: FunctionContext,
): ChainedOperator {
  const { open, close } = functions;
  if (!open && !close) return chained;
  const { operator } = chained;
  const openOperator = operator.open.bind(operator);
  const closeOperator = operator.close.bind(operator);
  operator.open = () => {
    openOperator();
    open?.(ctx);
  };
  operator.close = () => {
    try {
      close?.(ctx);
    } finally {
      closeOperator();
    }
  };
  return chained;
}
