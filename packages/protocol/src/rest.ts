/**
 * REST shapes of the Dispatcher (Flink-shaped where Flink has an equivalent endpoint).
 *   POST   /jobs                → 201 JobSubmitResponse | 400 ProblemsResponse
 *   GET    /jobs                → JobOverview[]
 *   GET    /jobs/:id            → JobDetails
 *   DELETE /jobs/:id            → 202 JobSubmitResponse (cancel) | 404 | 409 ProblemDetails when already ended
 *   GET    /taskmanagers        → TaskManagerInfo[]
 *   GET    /examples            → ExampleSummary[];  GET /examples/:id → JobGraph
 *   POST   /validate            → ProblemsResponse (200 always; problems may be empty)
 *   POST   /plan                → ExecutionGraph & { cliPlan } | 400 ProblemsResponse
 * Every 4xx/5xx answer is a ProblemDetails (which also parses as ProblemsResponse).
 */
import { z } from 'zod';
import { jobStatusSchema, taskStateSchema } from './events.js';

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
});
export type TaskManagerInfo = z.infer<typeof taskManagerInfoSchema>;

/** Example texts come in every language the UI speaks (the model's ExampleJob carries them so). */
export const localizedTextSchema = z.object({ en: z.string(), zh: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;
export const exampleSummarySchema = z.object({ id: z.string(), title: localizedTextSchema, description: localizedTextSchema });
export type ExampleSummary = z.infer<typeof exampleSummarySchema>;
