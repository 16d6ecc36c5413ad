/**
 * REST shapes of the Dispatcher (Flink-shaped where Flink has an equivalent endpoint).
 *   POST   /jobs                → 201 JobSubmitResponse | 400 ProblemsResponse
 *   GET    /jobs                → JobOverview[]
 *   GET    /jobs/:id            → JobDetails
 *   DELETE /jobs/:id            → 202 (cancel)
 *   GET    /taskmanagers        → TaskManagerInfo[]
 *   GET    /examples            → ExampleSummary[];  GET /examples/:id → JobGraph
 *   POST   /validate            → ProblemsResponse (200 always; problems may be empty)
 *   POST   /plan                → ExecutionGraph | 400 ProblemsResponse
 */
import { z } from 'zod';
import { jobStatusSchema, taskStateSchema } from './events.js';

export const problemSchema = z.object({ path: z.string(), message: z.string() });
export type Problem = z.infer<typeof problemSchema>;
export const problemsResponseSchema = z.object({ problems: z.array(problemSchema) });
export type ProblemsResponse = z.infer<typeof problemsResponseSchema>;

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

export const exampleSummarySchema = z.object({ id: z.string(), title: z.string(), description: z.string() });
export type ExampleSummary = z.infer<typeof exampleSummarySchema>;
