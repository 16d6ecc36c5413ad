/**
 * The failures a JobMaster records, each with its typed cause (@sluice/protocol's FailureCause): what a task
 * reported, the loss of its TaskManager, a slot request that timed out. A failure that is not an exception (a lost
 * process, missing slots) has no stack.
 */
import type { TaskFailure } from '@sluice/engine';
import type { JobFailure, TaskManagerLossDetection } from '@sluice/protocol';

/** A subtask's failure before the JobMaster knows which subtask: the cause, message, stack and operator. */
export type SubtaskFailure = Omit<JobFailure, 'vertexId' | 'subtaskIndex'>;

/** A task's own report: user code when it names the operator whose function threw, the task's runtime otherwise. */
export function reportedTaskFailure(failure: TaskFailure | undefined): SubtaskFailure {
  if (!failure) return { cause: { kind: 'task-exception' }, message: 'the task failed without a reason', stack: '' };
  const { message, stack, operatorId } = failure;
  if (operatorId === undefined) return { cause: { kind: 'task-exception' }, message, stack };
  return { cause: { kind: 'user-code-exception', operatorId }, operatorId, message, stack };
}

export function taskManagerLost(
  taskManagerId: string,
  detection: TaskManagerLossDetection,
  reason: string,
): SubtaskFailure {
  return {
    cause: { kind: 'taskmanager-lost', taskManagerId, detection },
    message: `TaskManager ${taskManagerId} was lost: ${reason}`,
    stack: '',
  };
}

export function noResourceAvailable(timeoutMs: number, shortage: string): JobFailure {
  return {
    cause: { kind: 'no-resource-available' },
    message: `Could not allocate the required slots within ${timeoutMs} ms: ${shortage}`,
    stack: '',
  };
}
