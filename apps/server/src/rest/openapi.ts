/**
 * GET /openapi.json: an OpenAPI 3.0 description of the REST API, generated from the very zod schemas the routes
 * validate with (path parameters, query, bodies) and the protocol's response schemas, so it cannot drift from
 * what the server does. Every operation lists every status it may answer; schemathesis checks that it does.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { jobGraphSchema } from '@sluice/model';
import {
  asyncOperationTriggerSchema,
  checkpointConfigInfoSchema,
  checkpointingStatisticsSchema,
  exampleSummarySchema,
  jobDetailsSchema,
  jobExceptionsInfoSchema,
  jobOverviewSchema,
  jobSubmitResponseSchema,
  jobVertexBackPressureSchema,
  problemDetailsSchema,
  problemsResponseSchema,
  savepointStatusSchema,
  savepointTriggerRequestSchema,
  stopWithSavepointRequestSchema,
  taskManagerInfoSchema,
  taskManagerKillRequestSchema,
} from '@sluice/protocol';
import { vertexParams } from './backpressure.js';
import { submitQuery } from './jobs.js';
import { exampleIdParams, jobIdParams, taskManagerIdParams } from './params.js';
import { operationParams } from './savepoints.js';

type JsonSchema = Record<string, unknown>;

const schema = (zod: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(zod, { target: 'openapi-3.0', io, unrepresentable: 'any' });
  return rest;
};

const json = (zod: z.ZodType, io: 'input' | 'output' = 'output') => ({
  content: { 'application/json': { schema: schema(zod, io) } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schema(problemDetailsSchema, 'output') } },
});

/** What any request may meet before its route: the Host/Origin check, the token, and a state change's body rules. */
const ACCESS_ERRORS = {
  401: problem('an access token is needed (a Dispatcher bound beyond loopback)'),
  403: problem('a foreign Host or Origin, or a view-only token asking for a change'),
};
const BODY_ERRORS = {
  400: problem('a problem per offending field, by path'),
  413: problem('the body is larger than the server takes'),
  415: problem('the body is not application/json'),
};

interface Operation {
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, unknown>;
}

function operation({ summary, params, query, body, responses }: Operation) {
  const parameters = [
    ...Object.entries(params?.shape ?? {}).map(([name, zod]) => ({
      name,
      in: 'path',
      required: true,
      schema: schema(zod as z.ZodType, 'input'),
    })),
    ...Object.entries(query?.shape ?? {}).map(([name, zod]) => ({
      name,
      in: 'query',
      required: !(zod as z.ZodType).safeParse(undefined).success,
      schema: schema(zod as z.ZodType, 'input'),
    })),
  ];
  return {
    summary,
    ...(parameters.length > 0 && { parameters }),
    ...(body && { requestBody: { required: true, ...json(body, 'input') } }),
    responses: {
      ...ACCESS_ERRORS,
      ...(body && BODY_ERRORS),
      ...((params || query) && { 400: problem('a path parameter or query field is malformed') }),
      ...Object.fromEntries(Object.entries(responses).map(([status, response]) => [status, response])),
    },
  };
}

const ok = (description: string, zod: z.ZodType) => ({ description, ...json(zod) });
const flinkRefused = problem('the Flink cluster running the job is down or refused the operation');
const notFound = problem('no such job (or vertex, request, TaskManager, example)');
const notRunning = problem('the job is not RUNNING');

export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Sluice Dispatcher REST API',
      version: '1',
      description: "Flink's REST API as the Sluice Dispatcher answers it; runtime events come over socket.io.",
    },
    paths: {
      '/jobs': {
        get: operation({ summary: 'list jobs', responses: { 200: ok('the jobs', z.array(jobOverviewSchema)) } }),
        post: operation({
          summary: 'submit a JobGraph to a run target (the local cluster, optionally from a savepoint, or Flink)',
          query: submitQuery,
          body: jobGraphSchema,
          responses: {
            201: ok('the job was submitted', jobSubmitResponseSchema),
            502: problem('the Flink cluster of the run target is down, refused the runner jar or the job'),
          },
        }),
      },
      '/jobs/{id}': {
        get: operation({
          summary: 'a job in detail',
          params: jobIdParams,
          responses: { 200: ok('the job', jobDetailsSchema), 404: notFound },
        }),
        delete: operation({
          summary: 'cancel a job',
          params: jobIdParams,
          body: z.object({}),
          responses: {
            202: ok('the job is CANCELING', jobSubmitResponseSchema),
            404: notFound,
            409: problem('the job already ended'),
            502: problem('the Flink cluster running the job refused to cancel it'),
          },
        }),
      },
      '/jobs/{id}/checkpoints': {
        get: operation({
          summary: 'checkpoint counts and history',
          params: jobIdParams,
          responses: { 200: ok('the statistics', checkpointingStatisticsSchema), 404: notFound },
        }),
      },
      '/jobs/{id}/checkpoints/config': {
        get: operation({
          summary: 'the checkpointing configuration',
          params: jobIdParams,
          responses: { 200: ok('the configuration', checkpointConfigInfoSchema), 404: notFound },
        }),
      },
      '/jobs/{id}/exceptions': {
        get: operation({
          summary: 'failures and restarts, newest first',
          params: jobIdParams,
          responses: { 200: ok('the exception history', jobExceptionsInfoSchema), 404: notFound },
        }),
      },
      '/jobs/{id}/vertices/{vid}/backpressure': {
        get: operation({
          summary: "a vertex's backpressure per subtask",
          params: vertexParams,
          responses: { 200: ok('the backpressure', jobVertexBackPressureSchema), 404: notFound },
        }),
      },
      '/jobs/{id}/savepoints': {
        post: operation({
          summary: 'trigger a savepoint',
          params: jobIdParams,
          body: savepointTriggerRequestSchema,
          responses: {
            202: ok('the operation started', asyncOperationTriggerSchema),
            404: notFound,
            409: notRunning,
            502: flinkRefused,
          },
        }),
      },
      '/jobs/{id}/stop': {
        post: operation({
          summary: 'stop the job with a savepoint',
          params: jobIdParams,
          body: stopWithSavepointRequestSchema,
          responses: {
            202: ok('the operation started', asyncOperationTriggerSchema),
            404: notFound,
            409: notRunning,
            502: flinkRefused,
          },
        }),
      },
      '/jobs/{id}/savepoints/{requestId}': {
        get: operation({
          summary: 'the state of a savepoint operation',
          params: operationParams,
          responses: { 200: ok('the operation', savepointStatusSchema), 404: notFound, 502: flinkRefused },
        }),
      },
      '/taskmanagers': {
        get: operation({
          summary: 'the TaskManagers and their slots',
          responses: { 200: ok('the TaskManagers', z.array(taskManagerInfoSchema)) },
        }),
      },
      '/taskmanagers/{id}/kill': {
        post: operation({
          summary: 'send a TaskManager process SIGKILL or SIGSTOP (failure injection)',
          params: taskManagerIdParams,
          body: taskManagerKillRequestSchema,
          responses: {
            202: ok('the signal was sent', z.object({ taskManagerId: z.string() })),
            404: notFound,
          },
        }),
      },
      '/examples': {
        get: operation({
          summary: 'the built-in examples',
          responses: { 200: ok('the examples', z.array(exampleSummarySchema)) },
        }),
      },
      '/examples/{id}': {
        get: operation({
          summary: "an example's JobGraph",
          params: exampleIdParams,
          responses: { 200: ok('the JobGraph', jobGraphSchema), 404: notFound },
        }),
      },
      '/validate': {
        post: operation({
          summary: 'validate a JobGraph (any JSON value is a document to check)',
          body: z.unknown(),
          responses: { 200: ok('every problem, empty when valid', problemsResponseSchema) },
        }),
      },
      '/plan': {
        post: operation({
          summary: 'plan a JobGraph into its ExecutionGraph',
          body: jobGraphSchema,
          responses: { 200: ok('the ExecutionGraph and the CLI plan', z.record(z.string(), z.unknown())) },
        }),
      },
      '/openapi.json': {
        get: operation({
          summary: 'this description',
          responses: { 200: ok('the OpenAPI document', z.record(z.string(), z.unknown())) },
        }),
      },
    },
  };
}

export function registerOpenApiRoute(app: FastifyInstance): void {
  const document = openApiDocument();
  app.get('/openapi.json', async () => document);
}
