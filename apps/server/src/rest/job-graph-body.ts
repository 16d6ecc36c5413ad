/** The JobGraph a POST carries (/jobs, /plan), checked with the model's validation before it is planned or run. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateJobGraph, type JobGraph, type ValidationResult } from '@sluice/model';
import { sendProblems } from './problem-details.js';

/**
 * Subtasks one job may have on this Dispatcher: planning and deploying cost grows with their square (every
 * subtask of an all-to-all exchange has a channel to every subtask on the other side).
 */
export const MAX_TOTAL_SUBTASKS = 1024;

/** The model's validation with this server's limits. */
export const validateOnServer = (body: unknown): ValidationResult =>
  validateJobGraph(body, { maxTotalSubtasks: MAX_TOTAL_SUBTASKS });

/** The valid JobGraph, or undefined after answering 400 with every problem by JSON path. */
export function parseJobGraphBody(request: FastifyRequest, reply: FastifyReply): JobGraph | undefined {
  const validation = validateOnServer(request.body);
  if (validation.ok) return validation.jobGraph;
  void sendProblems(reply, 400, validation.problems, `the JobGraph has ${validation.problems.length} problem(s)`);
  return undefined;
}
