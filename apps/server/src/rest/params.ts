/**
 * Path parameters, query strings and small JSON bodies of the REST API, checked with zod before a route looks
 * anything up, and the 404 for a job id no job has.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JobMasterHandle, LocalCluster } from '@sluice/cluster';
import { z } from 'zod';
import { zodProblems } from '../zod-problems.js';
import { sendProblems } from './problem-details.js';

/** A Flink JobID: 16 random bytes as 32 lowercase hexadecimal digits. */
export const jobIdParams = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, 'must be a job id: 32 lowercase hexadecimal digits'),
});
/** A TaskManager id as the ResourceManager names them (tm-1, tm-2, ...); any other non-empty id is simply unknown (404). */
export const taskManagerIdParams = z.object({ id: z.string().min(1, 'must be a TaskManager id') });
/** An asynchronous operation's id (Flink's TriggerId): 16 random bytes as 32 lowercase hexadecimal digits. */
export const requestIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'must be a request id: 32 lowercase hexadecimal digits');
export const exampleIdParams = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an example id: lowercase letters, digits and dashes'),
});

/** The parsed value, or undefined after answering 400 with the offending fields, their paths under `where`. */
function parseInput<T extends z.ZodType>(
  where: 'params' | 'query' | 'body',
  schema: T,
  value: unknown,
  reply: FastifyReply,
): z.infer<T> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  void sendProblems(reply, 400, zodProblems(where, parsed.error));
  return undefined;
}

/** The parsed path parameters (problems at `params.<name>`). */
export const parseParams = <T extends z.ZodType>(
  schema: T,
  request: FastifyRequest,
  reply: FastifyReply,
): z.infer<T> | undefined => parseInput('params', schema, request.params, reply);

/** The parsed query string (problems at `query.<name>`). */
export const parseQuery = <T extends z.ZodType>(
  schema: T,
  request: FastifyRequest,
  reply: FastifyReply,
): z.infer<T> | undefined => parseInput('query', schema, request.query ?? {}, reply);

/**
 * The parsed JSON body (problems at `body.<field>`). A request without a body counts as `{}`, so every field's
 * default applies (Flink's savepoint and stop requests may be empty).
 */
export const parseBody = <T extends z.ZodType>(
  schema: T,
  request: FastifyRequest,
  reply: FastifyReply,
): z.infer<T> | undefined => parseInput('body', schema, request.body ?? {}, reply);

/** The job `jobId` names, or undefined after answering 404 at params.id (a well-formed id no job has). */
export function knownJob(cluster: LocalCluster, jobId: string, reply: FastifyReply): JobMasterHandle | undefined {
  const job = cluster.getJob(jobId);
  if (!job) void sendProblems(reply, 404, [{ path: 'params.id', message: `no job with id "${jobId}"` }]);
  return job;
}

/** A /jobs/:id/... route's parameters and the job they name, or undefined after answering 400 or 404. */
export function parseJobParams<T extends z.ZodType<{ id: string }>>(
  cluster: LocalCluster,
  schema: T,
  request: FastifyRequest,
  reply: FastifyReply,
): { params: z.infer<T>; job: JobMasterHandle } | undefined {
  const params = parseParams(schema, request, reply);
  const job = params && knownJob(cluster, params.id, reply);
  return job && { params, job };
}
