/**
 * REST shapes of the Dispatcher (Flink-shaped where Flink has an equivalent endpoint).
 *   POST   /jobs                → 201 JobSubmitResponse | 400 ProblemsResponse
 *   GET    /jobs                → JobOverview[]
 *   GET    /jobs/:id            → JobDetails
 *   DELETE /jobs/:id            → 202 JobSubmitResponse (cancel) | 404 | 409 ProblemDetails when already ended
 *   GET    /jobs/:id/vertices/:vid/backpressure → JobVertexBackPressure | 404
 *   GET    /jobs/:id/checkpoints → CheckpointingStatistics | 404
 *   GET    /jobs/:id/exceptions  → JobExceptionsInfo | 404
 *   POST   /jobs/:id/savepoints  SavepointTriggerRequest → 202 AsyncOperationTrigger | 404 | 409 (not running)
 *   GET    /jobs/:id/savepoints/:requestId → SavepointStatus | 404
 *   POST   /jobs/:id/stop        StopWithSavepointRequest → 202 AsyncOperationTrigger (savepoint, then FINISHED)
 *   POST   /jobs?savepointPath=P → as POST /jobs, started from the savepoint (or retained checkpoint) folder P
 *   GET    /taskmanagers        → TaskManagerInfo[]
 *   POST   /taskmanagers/:id/kill TaskManagerKillRequest → 202 { pid } | 404 (failure injection: SIGKILL or SIGSTOP)
 *   GET    /examples            → ExampleSummary[];  GET /examples/:id → JobGraph
 *   POST   /validate            → ProblemsResponse (200 always; problems may be empty)
 *   POST   /plan                → ExecutionGraph & { cliPlan } | 400 ProblemsResponse
 * Every 4xx/5xx answer is a ProblemDetails (which also parses as ProblemsResponse).
 */
import { z } from 'zod';
import { jobStatusSchema, taskManagerMetricsSchema, taskStateSchema } from './events.js';
import { checkpointFailureReasonSchema, failureCauseSchema } from './failure-cause.js';

export const problemSchema = z.object({ path: z.string(), message: z.string() });
export type Problem = z.infer<typeof problemSchema>;
export const problemsResponseSchema = z.object({ problems: z.array(problemSchema) });
export type ProblemsResponse = z.infer<typeof problemsResponseSchema>;

/**
 * Every error answer of the Dispatcher (content type application/problem+json, after RFC 9457): `problems`
 * names each offending field by its path (a JSON path into the body, or `params.id`, `query.x`) and why, so a
 * client reads one shape for a rejected JobGraph and for an unknown job id alike. It parses as ProblemsResponse.
 */
export const problemDetailsSchema = z.object({
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  problems: z.array(problemSchema),
});
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;

export const jobSubmitResponseSchema = z.object({ jobId: z.string() });
export type JobSubmitResponse = z.infer<typeof jobSubmitResponseSchema>;

export const jobOverviewSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  status: jobStatusSchema,
  startTime: z.number(),
  endTime: z.number().nullable(),
});
export type JobOverview = z.infer<typeof jobOverviewSchema>;

export const subtaskInfoSchema = z.object({
  vertexId: z.string(),
  subtaskIndex: z.number().int(),
  state: taskStateSchema,
  taskManagerId: z.string().nullable(),
  slotIndex: z.number().int().nullable(),
  recordsIn: z.number(),
  recordsOut: z.number(),
});
export type SubtaskInfo = z.infer<typeof subtaskInfoSchema>;

export const jobFailureSchema = z.object({
  cause: failureCauseSchema,
  vertexId: z.string().optional(),
  subtaskIndex: z.number().int().optional(),
  operatorId: z.string().optional(),
  message: z.string(),
  stack: z.string(),
});
export type JobFailure = z.infer<typeof jobFailureSchema>;

export const jobDetailsSchema = jobOverviewSchema.extend({
  /** The submitted JobGraph and its ExecutionGraph (typed in @sluice/model / @sluice/planner). */
  jobGraph: z.unknown(),
  executionGraph: z.unknown(),
  subtasks: z.array(subtaskInfoSchema),
  failure: jobFailureSchema.nullable(),
  /** sink.collect output so far, per sink operator id, in arrival order. */
  sinks: z.record(z.string(), z.array(z.unknown())),
  /** The collect sinks that delivered more than the 10,000 values kept of each: only their first values are in `sinks`. */
  sinksTruncated: z.array(z.string()).optional(),
});
export type JobDetails = z.infer<typeof jobDetailsSchema>;

export const slotInfoSchema = z.object({
  index: z.number().int(),
  jobId: z.string().nullable(),
  subtasks: z.array(z.object({ vertexId: z.string(), subtaskIndex: z.number().int() })),
});
export const taskManagerInfoSchema = z.object({
  taskManagerId: z.string(),
  pid: z.number().int(),
  dataPort: z.number().int(),
  slots: z.array(slotInfoSchema),
  lastHeartbeat: z.number(),
  /** The TaskManager's network memory and process memory, as last reported (null until its first report). */
  metrics: taskManagerMetricsSchema.nullable(),
});
export type TaskManagerInfo = z.infer<typeof taskManagerInfoSchema>;

/** Example texts come in every language the UI speaks (the model's ExampleJob carries them so). */
export const localizedTextSchema = z.object({ en: z.string(), zh: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;
export const exampleSummarySchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  description: localizedTextSchema,
});
export type ExampleSummary = z.infer<typeof exampleSummarySchema>;

/**
 * Flink's backpressure levels from the ratio of time a subtask was backpressured (§4 Backpressure):
 * ok ≤ 0.10 < low ≤ 0.50 < high. Lowercase, as Flink's REST API writes them.
 */
export const BACKPRESSURE_LEVELS = ['ok', 'low', 'high'] as const;
export const backpressureLevelSchema = z.enum(BACKPRESSURE_LEVELS);
export type BackpressureLevel = z.infer<typeof backpressureLevelSchema>;

export function backpressureLevel(ratio: number): BackpressureLevel {
  if (ratio <= 0.1) return 'ok';
  return ratio <= 0.5 ? 'low' : 'high';
}

/**
 * GET /jobs/:id/vertices/:vid/backpressure, shaped as Flink's JobVertexBackPressureInfo. Ratios are the
 * subtask's backPressured/idle/busy time per second over 1000, from its latest metrics report. `status` is
 * "ok" when every subtask has reported, "deprecated" (Flink's word for stale figures) while some have not yet;
 * those are left out of `subtasks`. The vertex's level is its worst subtask's.
 */
export const jobVertexBackPressureSchema = z.object({
  status: z.enum(['ok', 'deprecated']),
  backpressureLevel: backpressureLevelSchema,
  'end-timestamp': z.number(),
  subtasks: z.array(
    z.object({
      subtask: z.number().int(),
      backpressureLevel: backpressureLevelSchema,
      ratio: z.number(),
      idleRatio: z.number(),
      busyRatio: z.number(),
    }),
  ),
});
export type JobVertexBackPressure = z.infer<typeof jobVertexBackPressureSchema>;

export const checkpointStatusSchema = z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']);

/** One subtask's part of one checkpoint (Flink's SubtaskCheckpointStatistics). */
export const subtaskCheckpointStatsSchema = z.object({
  vertexId: z.string(),
  subtaskIndex: z.number().int(),
  acknowledged: z.boolean(),
  ackTimestamp: z.number().nullable(),
  alignmentDurationMs: z.number().nullable(),
  stateSizeBytes: z.number().nullable(),
});

/** One row of the checkpoint history (Flink's checkpoints tab). */
export const checkpointStatsSchema = z.object({
  id: z.number().int(),
  status: checkpointStatusSchema,
  savepoint: z.boolean(),
  triggerTimestamp: z.number(),
  /** Completion or failure time; null while in progress. */
  endTimestamp: z.number().nullable(),
  durationMs: z.number().nullable(),
  /** Sum of the acknowledged subtasks' state. */
  stateSizeBytes: z.number(),
  subtasksTotal: z.number().int(),
  subtasksAcknowledged: z.number().int(),
  path: z.string().nullable(),
  failureReason: checkpointFailureReasonSchema.nullable(),
  failureMessage: z.string().nullable(),
  subtasks: z.array(subtaskCheckpointStatsSchema),
});
export type CheckpointStats = z.infer<typeof checkpointStatsSchema>;

/** The job's checkpointing configuration as the coordinator applies it, defaults filled in. */
export const checkpointConfigInfoSchema = z.object({
  mode: z.enum(['EXACTLY_ONCE', 'AT_LEAST_ONCE']),
  intervalMs: z.number(),
  timeoutMs: z.number(),
  minPauseMs: z.number(),
  maxConcurrentCheckpoints: z.number().int(),
  unaligned: z.boolean(),
  storageDir: z.string(),
  retainedCheckpoints: z.number().int(),
  /** The restart strategy's own description, e.g. "exponential-delay (initial 1000 ms, ×1.5, ...)". */
  restartStrategy: z.string(),
});
export type CheckpointConfigInfo = z.infer<typeof checkpointConfigInfoSchema>;

/** GET /jobs/:id/checkpoints. `config` is null for a job without checkpointing (savepoints still work). */
export const checkpointingStatisticsSchema = z.object({
  counts: z.object({
    inProgress: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    restored: z.number().int(),
  }),
  /** The checkpoint or savepoint the current attempt started from; null when it started from the beginning. */
  latestRestored: z
    .object({ id: z.number().int(), path: z.string(), savepoint: z.boolean(), restoreTimestamp: z.number() })
    .nullable(),
  /** Newest first, at most the last 100. */
  history: z.array(checkpointStatsSchema),
  config: checkpointConfigInfoSchema.nullable(),
});
export type CheckpointingStatistics = z.infer<typeof checkpointingStatisticsSchema>;

export const jobExceptionEntrySchema = z.object({
  timestamp: z.number(),
  cause: failureCauseSchema,
  message: z.string(),
  stack: z.string(),
  vertexId: z.string().nullable(),
  subtaskIndex: z.number().int().nullable(),
  taskManagerId: z.string().nullable(),
  attemptNumber: z.number().int(),
  willRestart: z.boolean(),
  restoreCheckpointId: z.number().int().nullable(),
});
/**
 * GET /jobs/:id/exceptions: newest first; `restarts` counts the restarts so far. As Flink's
 * web.exception-history-size, at most the 16 latest entries; `droppedEntries` counts the older ones let go.
 */
export const jobExceptionsInfoSchema = z.object({
  restarts: z.number().int(),
  entries: z.array(jobExceptionEntrySchema),
  droppedEntries: z.number().int().nonnegative().optional(),
});
export type JobExceptionsInfo = z.infer<typeof jobExceptionsInfoSchema>;

/** A savepoint folder defaults to savepoint-<n> under the job's checkpoint storage directory. */
export const savepointTriggerRequestSchema = z
  .object({ targetDirectory: z.string().min(1).optional(), cancelJob: z.boolean().default(false) })
  .strict();
export const stopWithSavepointRequestSchema = z.object({ targetDirectory: z.string().min(1).optional() }).strict();
export const asyncOperationTriggerSchema = z.object({ requestId: z.string() });
export type AsyncOperationTrigger = z.infer<typeof asyncOperationTriggerSchema>;
/**
 * Flink's AsynchronousOperationResult for savepoints: `location` once COMPLETED, or why it failed, with the
 * CheckpointFailureReason when the savepoint itself failed.
 */
export const savepointStatusSchema = z.object({
  status: z.object({ id: z.enum(['IN_PROGRESS', 'COMPLETED']) }),
  operation: z
    .union([
      z.object({ location: z.string() }),
      z.object({ failureCause: z.string(), failureReason: checkpointFailureReasonSchema.optional() }),
    ])
    .nullable(),
});
export type SavepointStatus = z.infer<typeof savepointStatusSchema>;

export const taskManagerKillRequestSchema = z
  .object({ signal: z.enum(['SIGKILL', 'SIGSTOP']).default('SIGKILL') })
  .strict();
