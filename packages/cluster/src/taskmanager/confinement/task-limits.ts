/**
 * The limits a task's user code runs under (issue 11): its thread's heap and how long one call may run, from
 * the job's config or the defaults, and how a task stopped by one of them is reported.
 *
 * Both limits are enforced from outside the task's thread, which cannot tell which of the chain's user functions
 * was running (tracking it on every call halved the chain's speed in a micro-benchmark), so the failure names
 * the one operator of the task that runs user code, or all of them when a chain has several.
 */
import { CATALOGUE, DEFAULT_TASK_HEAP_SIZE_MB, DEFAULT_USER_FUNCTION_TIMEOUT_MS } from '@sluice/model';
import { SOURCE_BATCH_SIZE, type TaskDeploymentDescriptor, type TaskFailure } from '@sluice/engine';

export interface TaskLimits {
  heapSizeMb: number;
  userFunctionTimeoutMs: number;
}

export const taskLimits = ({ jobConfig }: TaskDeploymentDescriptor): TaskLimits => ({
  heapSizeMb: jobConfig.taskHeapSizeMb ?? DEFAULT_TASK_HEAP_SIZE_MB,
  userFunctionTimeoutMs: jobConfig.userFunctionTimeoutMs ?? DEFAULT_USER_FUNCTION_TIMEOUT_MS,
});

/**
 * How long the task's thread may go without a heartbeat: the user function timeout, plus the sleeps of operators
 * slowed on purpose (slowdownMs, up to 10 s a record) for a whole mailbox turn, which holds the thread for at most a
 * source batch of records, each passing every slowed operator of the chain.
 */
export function stallLimitMs(tdd: TaskDeploymentDescriptor): number {
  const slowdownPerRecordMs = tdd.operators.reduce((sum, operator) => sum + (operator.slowdownMs ?? 0), 0);
  return taskLimits(tdd).userFunctionTimeoutMs + SOURCE_BATCH_SIZE * slowdownPerRecordMs;
}

/** The operators of the task whose params hold user functions, named as a failure message does. */
function userCodeSite(tdd: TaskDeploymentDescriptor): { site: string; operatorId?: string } {
  const withUserCode = tdd.operators.filter((operator) =>
    CATALOGUE[operator.kind].functionParams.some((param) => operator.params?.[param] !== undefined),
  );
  const [only] = withUserCode;
  if (only && withUserCode.length === 1) return { site: `operator "${only.id}"`, operatorId: only.id };
  if (withUserCode.length > 1)
    return { site: `one of the operators ${withUserCode.map(({ id }) => `"${id}"`).join(', ')}` };
  return { site: `task "${tdd.taskName}"` };
}

const failure = (tdd: TaskDeploymentDescriptor, what: (site: string) => string): TaskFailure => {
  const { site, operatorId } = userCodeSite(tdd);
  const message = what(site);
  return { message, stack: message, ...(operatorId !== undefined && { operatorId }) };
};

export const timeoutFailure = (tdd: TaskDeploymentDescriptor): TaskFailure =>
  failure(
    tdd,
    (site) =>
      `${site} did not return within ${taskLimits(tdd).userFunctionTimeoutMs} ms ` +
      `(config.userFunctionTimeoutMs): the task's thread was stopped`,
  );

export const heapFailure = (tdd: TaskDeploymentDescriptor): TaskFailure =>
  failure(
    tdd,
    (site) =>
      `${site} ran out of heap: a task's thread may use ${taskLimits(tdd).heapSizeMb} MB ` +
      `(config.taskHeapSizeMb), and the task was stopped`,
  );
