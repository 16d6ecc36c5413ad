/**
 * REST shapes of the Dispatcher (Flink-shaped where Flink has an equivalent endpoint).
 *   POST   /jobs                → 201 JobSubmitResponse | 400 ProblemsResponse
 *   GET    /jobs                → JobOverview[]
 *   GET    /jobs/:id            → JobDetails
 *   DELETE /jobs/:id            → 202 JobSubmitResponse (cancel) | 404 | 409 ProblemDetails when already ended
 *   GET    /jobs/:id/vertices/:vid/backpressure → JobVertexBackPressure | 404
 *   GET    /taskmanagers        → TaskManagerInfo[]
 *   GET    /examples            → ExampleSummary[];  GET /examples/:id → JobGraph
 *   POST   /validate            → ProblemsResponse (200 always; problems may be empty)
 *   POST   /plan                → ExecutionGraph & { cliPlan } | 400 ProblemsResponse
 * Every 4xx/5xx answer is a ProblemDetails (which also parses as ProblemsResponse).
 */
import { z } from 'zod';
import { jobStatusSchema, taskManagerMetricsSchema, taskStateSchema } from './events.js';

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
export const exampleSummarySchema = z.object({ id: z.string(), title: localizedTextSchema, description: localizedTextSchema });
export type ExampleSummary = z.infer<typeof exampleSummarySchema>;

/**
 * Flink's backpressure levels from the ratio of time a subtask was backpressured (§4 BP):
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
