/**
 * Path parameters, query strings and small JSON bodies of the REST API, checked with zod before a route looks
 * anything up, and the 404 for a job id no job has.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zodProblems } from '../zod-problems.js';
import { sendProblems } from './problem-details.js';

/** A Flink JobID: 16 random bytes as 32 lowercase hexadecimal digits. */
export const jobIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'must be a job id: 32 lowercase hexadecimal digits') });
/** A TaskManager id as the ResourceManager names them (tm-1, tm-2, ...); any other non-empty id is simply unknown (404). */
export const taskManagerIdParams = z.object({ id: z.string().min(1, 'must be a TaskManager id') });
/** An asynchronous operation's id (Flink's TriggerId): 16 random bytes as 32 lowercase hexadecimal digits. */
export const requestIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be a request id: 32 lowercase hexadecimal digits');
export const exampleIdParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an example id: lowercase letters, digits and dashes') });

/** 404 naming params.id: a well-formed job id the cluster does not know. */
export const sendUnknownJob = (reply: FastifyReply, jobId: string) => sendProblems(reply, 404, [{ path: 'params.id', message: `no job with id "${jobId}"` }]);

/** The parsed params, or undefined after answering 400 with the offending fields. */
export function parseParams<T extends z.ZodType>(schema: T, request: FastifyRequest, reply: FastifyReply): z.infer<T> | undefined {
  const parsed = schema.safeParse(request.params);
  if (parsed.success) return parsed.data;
  void sendProblems(reply, 400, zodProblems('params', parsed.error));
  return undefined;
}

/** The parsed query string, or undefined after answering 400 with the offending parameters (path `query.<name>`). */
export function parseQuery<T extends z.ZodType>(schema: T, request: FastifyRequest, reply: FastifyReply): z.infer<T> | undefined {
  const parsed = schema.safeParse(request.query ?? {});
  if (parsed.success) return parsed.data;
  void sendProblems(reply, 400, zodProblems('query', parsed.error));
  return undefined;
}

/**
 * The parsed JSON body, or undefined after answering 400 with the offending fields (path `body.<field>`). A request
 * without a body counts as `{}`, so every field's default applies (Flink's savepoint and stop requests may be empty).
 */
export function parseBody<T extends z.ZodType>(schema: T, request: FastifyRequest, reply: FastifyReply): z.infer<T> | undefined {
  const parsed = schema.safeParse(request.body ?? {});
  if (parsed.success) return parsed.data;
  void sendProblems(reply, 400, zodProblems('body', parsed.error));
  return undefined;
}
