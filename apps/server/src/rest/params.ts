/** Path parameters of the REST API, checked with zod before a route looks anything up. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zodProblems } from '../zod-problems.js';
import { sendProblems } from './problem-details.js';

/** A Flink JobID: 16 random bytes as 32 lowercase hexadecimal digits. */
export const jobIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'must be a job id: 32 lowercase hexadecimal digits') });
export const exampleIdParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an example id: lowercase letters, digits and dashes') });

/** The parsed params, or undefined after answering 400 with the offending fields. */
export function parseParams<T extends z.ZodType>(schema: T, request: FastifyRequest, reply: FastifyReply): z.infer<T> | undefined {
  const parsed = schema.safeParse(request.params);
  if (parsed.success) return parsed.data;
  void sendProblems(reply, 400, zodProblems('params', parsed.error));
  return undefined;
}
