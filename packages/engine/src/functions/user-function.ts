/**
 * User functions: JavaScript source from the JobGraph, compiled once per task in a compartment of their own (see
 * user-code-compartment.ts) and always called with the RuntimeContext as the last argument (Flink's
 * RichFunction#getRuntimeContext, passed in).
 */
import { evaluateUserCode } from './user-code-compartment.js';

/** What every user function sees as `ctx` (Flink's RuntimeContext). */
export interface RuntimeContext {
  subtaskIndex: number;
  parallelism: number;
  maxParallelism: number;
  attemptNumber: number;
  taskName: string;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * An error thrown by user code (or by compiling it), attributed to the operator that runs it. Its message is the
 * user's error's own unless the operator says more (where the function is, why it does not compile).
 */
export class UserFunctionError extends Error {
  constructor(
    readonly operatorId: string,
    readonly original: unknown,
    message = messageOf(original),
  ) {
    super(message);
    this.name = 'UserFunctionError';
  }

  /** The stack of the user's own error, which points into their function. */
  get userStack(): string {
    return this.original instanceof Error && this.original.stack ? this.original.stack : String(this.original);
  }
}

export type UserFunction = (...args: unknown[]) => unknown;

/** Compiles `source` (an expression evaluating to a function); `where` names it in errors, e.g. `operator "m" params.fn`. */
export function compileUserFunction(source: unknown, operatorId: string, where: string): UserFunction {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new UserFunctionError(operatorId, undefined, `${where}: a function source is required`);
  }
  let compiled: unknown;
  try {
    compiled = evaluateUserCode(source);
  } catch (error) {
    throw new UserFunctionError(operatorId, error, `${where} does not compile: ${messageOf(error)}`);
  }
  if (typeof compiled !== 'function') {
    throw new UserFunctionError(
      operatorId,
      undefined,
      `${where} is not a function (it evaluates to ${typeof compiled})`,
    );
  }
  const fn = compiled as UserFunction;
  return (...args: unknown[]) => {
    try {
      return fn(...args);
    } catch (error) {
      throw new UserFunctionError(operatorId, error);
    }
  };
}
