/**
 * Live events, server → browser over socket.io (and `sluice run --events` as NDJSON).
 * Every event is `{ type, ...payload }` so one stream can be logged, replayed and filtered.
 * Metrics are batched by the server at a bounded rate; discrete events go out as they happen.
 */
import { z } from 'zod';

export const JOB_STATUSES = ['CREATED', 'WAITING_FOR_RESOURCES', 'RUNNING', 'FINISHED', 'FAILED', 'CANCELING', 'CANCELED', 'RESTARTING'] as const;
export const jobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const TASK_STATES = ['SCHEDULED', 'DEPLOYING', 'INITIALIZING', 'RUNNING', 'FINISHED', 'FAILED', 'CANCELED'] as const;
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
