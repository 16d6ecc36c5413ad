/**
 * How an error becomes the failure a task reports: a user function's error shows the user's own stack and the
 * operator that ran it (so the UI can point at the node); anything else shows the runtime's stack.
 */
import { UserFunctionError } from '../functions/user-function.js';
import type { TaskFailure } from './host.js';

export function taskFailureOf(error: unknown): TaskFailure {
  if (error instanceof UserFunctionError)
    return { message: error.message, stack: error.userStack, operatorId: error.operatorId };
  if (error instanceof Error)
    return { message: error.message, stack: error.stack ?? `${error.name}: ${error.message}` };
  return { message: String(error), stack: String(error) };
}
