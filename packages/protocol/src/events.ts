/**
 * Live events, server → browser over socket.io (and `sluice run --events` as NDJSON).
 * Every event is `{ type, ...payload }` so one stream can be logged, replayed and filtered.
 * Metrics are batched by the server at a bounded rate; discrete events go out as they happen.
 */
import { z } from 'zod';
import { checkpointFailureReasonSchema, failureCauseSchema } from './failure-cause.js';

export const JOB_STATUSES = [
  'CREATED',
  'WAITING_FOR_RESOURCES',
  'RUNNING',
  'FINISHED',
  'FAILED',
  'CANCELING',
  'CANCELED',
  'RESTARTING',
] as const;
export const jobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const TASK_STATES = [
  'SCHEDULED',
  'DEPLOYING',
  'INITIALIZING',
  'RUNNING',
  'FINISHED',
  'FAILED',
  'CANCELED',
] as const;
export const taskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof taskStateSchema>;

/** The statuses and states nothing follows. */
export const TERMINAL_JOB_STATUSES: ReadonlySet<JobStatus> = new Set(['FINISHED', 'FAILED', 'CANCELED']);
export const TERMINAL_TASK_STATES: ReadonlySet<TaskState> = new Set(['FINISHED', 'FAILED', 'CANCELED']);

const subtaskRef = { jobId: z.string(), vertexId: z.string(), subtaskIndex: z.number().int() };

export const jobStatusEvent = z.object({
  type: z.literal('job.status'),
  jobId: z.string(),
  status: jobStatusSchema,
  timestamp: z.number(),
  /** Why the job is in this state (e.g. not enough slots, the failing task's error). */
  message: z.string().optional(),
});

export const slotEvent = z.object({
  type: z.enum(['slot.allocated', 'slot.released']),
  taskManagerId: z.string(),
  slotIndex: z.number().int(),
  ...subtaskRef,
});

export const taskManagerEvent = z.object({
  type: z.enum(['taskmanager.registered', 'taskmanager.lost']),
  taskManagerId: z.string(),
  slots: z.number().int(),
  timestamp: z.number(),
  /** taskmanager.lost only: how the loss was detected, e.g. "process killed by SIGKILL", "no heartbeat for 2040 ms (timeout 2000 ms)". */
  reason: z.string().optional(),
});

/** Flink's TaskManager network memory figures (Shuffle.Netty.*Memory), in bytes. */
export const bufferPoolMetricsSchema = z.object({
  totalBytes: z.number(),
  /** Reserved by the running tasks: their exclusive, floating and output buffers. */
  reservedBytes: z.number(),
  /** Of those, buffers holding data now (being filled, queued, in flight or unread). */
  bytesInUse: z.number(),
});
export type BufferPoolMetrics = z.infer<typeof bufferPoolMetricsSchema>;

export const taskManagerMetricsSchema = z.object({
  bufferPool: bufferPoolMetricsSchema,
  /** The TaskManager process: resident set (all its threads) and the main thread's JavaScript heap. */
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
});
export type TaskManagerMetrics = z.infer<typeof taskManagerMetricsSchema>;

/** A TaskManager's figures, reported a few times a second while it runs. */
export const taskManagerMetricsEvent = z.object({
  type: z.literal('taskmanager.metrics'),
  taskManagerId: z.string(),
  timestamp: z.number(),
  metrics: taskManagerMetricsSchema,
});

export const taskStateEvent = z.object({
  type: z.literal('task.state'),
  ...subtaskRef,
  state: taskStateSchema,
  taskManagerId: z.string().optional(),
  timestamp: z.number(),
});

export const taskFailedEvent = z.object({
  type: z.literal('task.failed'),
  ...subtaskRef,
  cause: failureCauseSchema,
  operatorId: z.string().optional(),
  error: z.string(),
  stack: z.string(),
  timestamp: z.number(),
});

export const channelMetricsSchema = z.object({
  sourceVertexId: z.string(),
  sourceSubtask: z.number().int(),
  targetVertexId: z.string(),
  targetSubtask: z.number().int(),
  credit: z.number(),
  backlog: z.number(),
  buffersInFlight: z.number(),
});

export const subtaskMetricsSchema = z.object({
  vertexId: z.string(),
  subtaskIndex: z.number().int(),
  recordsIn: z.number(),
  recordsOut: z.number(),
  busyMsPerSecond: z.number(),
  idleMsPerSecond: z.number(),
  backPressuredMsPerSecond: z.number(),
  inPoolUsage: z.number(),
  outPoolUsage: z.number(),
  currentInputWatermark: z.number().nullable(),
});

export const metricsEvent = z.object({
  type: z.literal('metrics'),
  jobId: z.string(),
  timestamp: z.number(),
  subtasks: z.array(subtaskMetricsSchema),
  channels: z.array(channelMetricsSchema),
});

/** Records that reached a sink.collect operator, in arrival order. */
export const sinkRecordsEvent = z.object({
  type: z.literal('sink.records'),
  jobId: z.string(),
  operatorId: z.string(),
  values: z.array(z.unknown()),
});

/** A line written by sink.print ("subtask> value", as Flink prints). */
export const sinkPrintEvent = z.object({
  type: z.literal('sink.print'),
  jobId: z.string(),
  operatorId: z.string(),
  line: z.string(),
});

/**
 * The CheckpointCoordinator's progress (§7 Checkpoints), as it happens. A barrier is on an edge between the
 * producer's acknowledgement and the consumer's: the canvas draws barriers from these, never from a script.
 */
export const checkpointTriggeredEvent = z.object({
  type: z.literal('checkpoint.triggered'),
  jobId: z.string(),
  checkpointId: z.number().int(),
  /** Trigger time (ms), the barriers' timestamp. */
  timestamp: z.number(),
  savepoint: z.boolean(),
  /** Subtasks that must acknowledge before the checkpoint completes. */
  subtasksTotal: z.number().int(),
});

export const checkpointAcknowledgedEvent = z.object({
  type: z.literal('checkpoint.acknowledged'),
  ...subtaskRef,
  checkpointId: z.number().int(),
  timestamp: z.number(),
  /** From the first barrier to the last on the subtask's inputs (0 for a source or a single input). */
  alignmentDurationMs: z.number(),
  stateSizeBytes: z.number(),
});

export const checkpointCompletedEvent = z.object({
  type: z.literal('checkpoint.completed'),
  jobId: z.string(),
  checkpointId: z.number().int(),
  savepoint: z.boolean(),
  timestamp: z.number(),
  durationMs: z.number(),
  stateSizeBytes: z.number(),
  /** The chk-<n> (or savepoint-<n>) folder holding the metadata and every subtask's state. */
  path: z.string(),
});

export const checkpointFailedEvent = z.object({
  type: z.literal('checkpoint.failed'),
  jobId: z.string(),
  checkpointId: z.number().int(),
  savepoint: z.boolean(),
  timestamp: z.number(),
  failureReason: checkpointFailureReasonSchema,
  /** e.g. "expired after 10000 ms", "declined by map#1: barrier 5 overtook barrier 4", "task map#0 failed". */
  reason: z.string(),
});

/**
 * A failure of a running job (a task's exception or a lost TaskManager) and what the restart strategy made of it
 * (Flink's exception history entry): restart after `backoffMs`, from checkpoint `restoreCheckpointId` (null: from
 * the beginning), or fail the job.
 */
export const jobExceptionEvent = z.object({
  type: z.literal('job.exception'),
  jobId: z.string(),
  timestamp: z.number(),
  cause: failureCauseSchema,
  message: z.string(),
  stack: z.string(),
  vertexId: z.string().optional(),
  subtaskIndex: z.number().int().optional(),
  taskManagerId: z.string().optional(),
  /** The attempt that failed: 0 for the first run, n after the n-th restart. */
  attemptNumber: z.number().int(),
  willRestart: z.boolean(),
  backoffMs: z.number().optional(),
  restoreCheckpointId: z.number().int().nullable().optional(),
});

export const runtimeEventSchema = z.discriminatedUnion('type', [
  jobStatusEvent,
  slotEvent,
  taskManagerEvent,
  taskManagerMetricsEvent,
  taskStateEvent,
  taskFailedEvent,
  metricsEvent,
  sinkRecordsEvent,
  sinkPrintEvent,
  checkpointTriggeredEvent,
  checkpointAcknowledgedEvent,
  checkpointCompletedEvent,
  checkpointFailedEvent,
  jobExceptionEvent,
]);
export type RuntimeEvent = z.infer<typeof runtimeEventSchema>;
export type RuntimeEventOf<T extends RuntimeEvent['type']> = Extract<RuntimeEvent, { type: T }>;
export type SubtaskMetrics = z.infer<typeof subtaskMetricsSchema>;
export type ChannelMetricsView = z.infer<typeof channelMetricsSchema>;

/** socket.io event names: the server emits every RuntimeEvent on one name, the client subscribes to a job. */
export const SOCKET = {
  runtimeEvent: 'runtime',
  subscribe: 'subscribe',
} as const;

/** Subscribe to one job's events (replayed from its start, then live); `null` = no job, cluster-wide events only. */
export const subscribeSchema = z.object({ jobId: z.string().nullable() });
/** The server's answer to `subscribe`: an error names what was wrong with the payload or the job id. */
export const subscribeAckSchema = z.union([z.object({ ok: z.literal(true) }), z.object({ error: z.string() })]);
export type SubscribeAck = z.infer<typeof subscribeAckSchema>;
