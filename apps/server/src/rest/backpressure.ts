/** Flink's GET /jobs/:jobid/vertices/:vertexid/backpressure: per-subtask backpressure ratios and levels (§4 Backpressure). */
import type { FastifyInstance } from 'fastify';
import type { LocalCluster } from '@sluice/cluster';
import type { JobVertexBackPressure } from '@sluice/protocol';
import { z } from 'zod';
import { jobIdParams, parseJobParams } from './params.js';
import { sendProblems } from './problem-details.js';

export const vertexParams = jobIdParams.extend({ vid: z.string().min(1, 'must be a JobVertex id') });

export function registerBackPressureRoutes(app: FastifyInstance, cluster: LocalCluster): void {
  app.get('/jobs/:id/vertices/:vid/backpressure', async (request, reply) => {
    const requested = parseJobParams(cluster, vertexParams, request, reply);
    if (!requested) return reply;
    const { job, params } = requested;
    const backPressure = job.backPressure(params.vid);
    if (!backPressure)
      return sendProblems(reply, 404, [
        { path: 'params.vid', message: `job "${params.id}" has no vertex "${params.vid}"` },
      ]);
    return backPressure satisfies JobVertexBackPressure;
  });
}
