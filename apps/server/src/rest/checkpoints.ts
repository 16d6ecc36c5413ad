/**
 * Flink's GET /jobs/:jobid/checkpoints, /checkpoints/config and /exceptions (§7 Checkpoints, §7 Recovery): the
 * CheckpointCoordinator's counts and history, the checkpointing configuration it applies, and the failures and
 * restarts of the job so far.
 */
import type { FastifyInstance } from 'fastify';
import type { LocalCluster } from '@sluice/cluster';
import type { CheckpointConfigInfo, CheckpointingStatistics, JobExceptionsInfo } from '@sluice/protocol';
import { jobIdParams, parseJobParams } from './params.js';
import { sendProblems } from './problem-details.js';

export function registerCheckpointRoutes(app: FastifyInstance, cluster: LocalCluster): void {
  app.get('/jobs/:id/checkpoints', async (request, reply) => {
    const requested = parseJobParams(cluster, jobIdParams, request, reply);
    if (!requested) return reply;
    return requested.job.checkpointStatistics() satisfies CheckpointingStatistics;
  });

  app.get('/jobs/:id/checkpoints/config', async (request, reply) => {
    const requested = parseJobParams(cluster, jobIdParams, request, reply);
    if (!requested) return reply;
    const { job, params } = requested;
    const { config } = job.checkpointStatistics();
    // As Flink: a job without checkpointing has no configuration to show (savepoints still work).
    if (!config)
      return sendProblems(reply, 404, [
        {
          path: 'params.id',
          message: `job "${params.id}" has no checkpointing configured (config.checkpointing is not set)`,
        },
      ]);
    return config satisfies CheckpointConfigInfo;
  });

  app.get('/jobs/:id/exceptions', async (request, reply) => {
    const requested = parseJobParams(cluster, jobIdParams, request, reply);
    if (!requested) return reply;
    return requested.job.exceptions() satisfies JobExceptionsInfo;
  });
}
