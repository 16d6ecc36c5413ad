/** Validation and planning without running anything: what the editor calls as the user draws. */
import type { FastifyInstance } from 'fastify';
import { planExecutionGraph, toCliPlan } from '@sluice/planner';
import type { ProblemsResponse } from '@sluice/protocol';
import { parseJobGraphBody, validateOnServer } from './job-graph-body.js';

export function registerPlanningRoutes(app: FastifyInstance): void {
  app.post('/validate', async (request): Promise<ProblemsResponse> => ({
    problems: validateOnServer(request.body).problems,
  }));

  /** The ExecutionGraph, plus `cliPlan`: the same plan in the shape `sluice plan` prints. */
  app.post('/plan', async (request, reply) => {
    const jobGraph = parseJobGraphBody(request, reply);
    if (!jobGraph) return reply;
    const executionGraph = planExecutionGraph(jobGraph);
    return { ...executionGraph, cliPlan: toCliPlan(executionGraph) };
  });
}
