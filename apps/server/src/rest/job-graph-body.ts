/** The JobGraph a POST carries (/jobs, /plan), checked with the model's validation before it is planned or run. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateJobGraph, type JobGraph } from '@sluice/model';
import { sendProblems } from './problem-details.js';

/** The valid JobGraph, or undefined after answering 400 with every problem by JSON path. */
export function parseJobGraphBody(request: FastifyRequest, reply: FastifyReply): JobGraph | undefined {
  const validation = validateJobGraph(request.body);
  if (validation.ok) return validation.jobGraph;
  void sendProblems(reply, 400, validation.problems, `the JobGraph has ${validation.problems.length} problem(s)`);
  return undefined;
}
