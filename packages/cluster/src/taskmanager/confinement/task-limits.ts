/**
 * The limits a task's user code runs under (issue 11): its thread's heap and how long one call may run, from
 * the job's config or the defaults, and how a task stopped by one of them is reported.
 *
 * Both limits are enforced from outside the task's thread, which cannot tell which of the chain's user functions
 * was running (tracking it on every call halved the chain's speed in a micro-benchmark), so the failure names
 * the one operator (or key selector) of the task that runs user code, or all of them when a chain has several.
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

interface UserCodeSite {
  name: string;
  operatorId: string;
}

/**
 * Where the task runs user code, named as a failure message does: the operators whose params hold user functions,
 * and the key selectors of the hash edges it feeds (evaluated by its partitioner, in this thread).
 */
function userCodeSites(tdd: TaskDeploymentDescriptor): UserCodeSite[] {
  const operators = tdd.operators
    .filter((operator) =>
      CATALOGUE[operator.kind].functionParams.some((param) => operator.params?.[param] !== undefined),
    )
    .map(({ id }) => ({ name: `operator "${id}"`, operatorId: id }));
  const keySelectors = tdd.resultPartitions
    .filter((partition) => partition.key !== undefined)
    .map(({ sourceOperator }) => ({
      name: `the key selector of the edge from "${sourceOperator}"`,
      operatorId: sourceOperator,
    }));
  return [...operators, ...keySelectors];
}

function userCodeSite(tdd: TaskDeploymentDescriptor): { site: string; operatorId?: string } {
  const sites = userCodeSites(tdd);
  const [only] = sites;
  if (only && sites.length === 1) return { site: only.name, operatorId: only.operatorId };
  if (sites.length > 1) return { site: `one of ${sites.map(({ name }) => name).join(', ')}` };
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
