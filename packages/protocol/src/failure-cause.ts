/**
 * Why a job, task or checkpoint failed, as data: Flink names a failure by its exception class
 * (NoResourceAvailableException, a TaskManager's heartbeat timeout, the user's own exception, CheckpointException
 * with a CheckpointFailureReason); Sluice by a `kind`, so that REST, the events and the UI tell one cause from
 * another without reading a message. The message and stack stay beside the cause, for people.
 */
import { z } from 'zod';

/** Flink's CheckpointFailureReason, the ones Sluice produces. */
export const CHECKPOINT_FAILURE_REASONS = [
  /** A task declined the checkpoint (a newer checkpoint's barrier overtook it while its inputs were aligning). */
  'CHECKPOINT_DECLINED',
  /** Not every task acknowledged it within execution.checkpointing.timeout. */
  'CHECKPOINT_EXPIRED',
  /** A task of the job failed while it was pending: the attempt fails over. */
  'TASK_FAILURE',
  /** Writing the checkpoint's metadata failed. */
  'IO_EXCEPTION',
  /** The job ended (finished, stopped, canceled or failed) while it was pending or queued. */
  'CHECKPOINT_COORDINATOR_SHUTDOWN',
  /** It could not start: a task of the job is not RUNNING, or no source runs any more. */
  'NOT_ALL_REQUIRED_TASKS_RUNNING',
] as const;
export const checkpointFailureReasonSchema = z.enum(CHECKPOINT_FAILURE_REASONS);
export type CheckpointFailureReason = z.infer<typeof checkpointFailureReasonSchema>;

/**
 * How a TaskManager was found gone: its process exited, it stopped answering heartbeats, or it had already left the
 * cluster when the JobMaster deployed a task to the slot it had been granted there.
 */
export const taskManagerLossDetectionSchema = z.enum(['process-exit', 'heartbeat-timeout', 'unregistered']);
export type TaskManagerLossDetection = z.infer<typeof taskManagerLossDetectionSchema>;

export const failureCauseSchema = z.discriminatedUnion('kind', [
  /** The job's slots could not be allocated in time (Flink's NoResourceAvailableException). */
  z.object({ kind: z.literal('no-resource-available') }),
  /** The TaskManager running the task was lost. */
  z.object({
    kind: z.literal('taskmanager-lost'),
    taskManagerId: z.string(),
    detection: taskManagerLossDetectionSchema,
  }),
  /** A user function threw (or did not compile): the operator whose code it is. */
  z.object({ kind: z.literal('user-code-exception'), operatorId: z.string() }),
  /** A task failed outside user code (its thread crashed, its state did not fit its inputs). */
  z.object({ kind: z.literal('task-exception') }),
  /** A retained checkpoint did not read back whole at a restore: the one before it is used. */
  z.object({ kind: z.literal('corrupt-checkpoint'), checkpointId: z.number().int() }),
  /** Restarting the job after a failure broke down; the job fails. */
  z.object({ kind: z.literal('restart-failure') }),
]);
export type FailureCause = z.infer<typeof failureCauseSchema>;
