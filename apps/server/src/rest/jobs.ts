/** Flink's /jobs resource: submit, list, inspect and cancel jobs on the local cluster. */
import type { FastifyInstance } from 'fastify';
import type { LocalCluster } from '@sluice/cluster';
import type { JobDetails, JobOverview, JobSubmitResponse } from '@sluice/protocol';
import { parseJobGraphBody } from './job-graph-body.js';
import { jobIdParams, parseParams, sendUnknownJob } from './params.js';
import { sendProblems } from './problem-details.js';

const TERMINAL_STATUSES = new Set(['FINISHED', 'FAILED', 'CANCELED']);

export function registerJobRoutes(app: FastifyInstance, cluster: LocalCluster): void {
  app.post('/jobs', async (request, reply) => {
    const jobGraph = parseJobGraphBody(request, reply);
    if (!jobGraph) return reply;
    // Already valid, so the cluster's own validation passes: it throws only when shutting down (a 500).
    const job = cluster.submitJob(jobGraph);
    return reply.code(201).send({ jobId: job.jobId } satisfies JobSubmitResponse);
  });

  app.get('/jobs', async (): Promise<JobOverview[]> => cluster.listJobs().map((job) => job.overview()));

  app.get('/jobs/:id', async (request, reply) => {
    const params = parseParams(jobIdParams, request, reply);
    if (!params) return reply;
    const job = cluster.getJob(params.id);
    if (!job) return sendUnknownJob(reply, params.id);
    return job.details() satisfies JobDetails;
  });

  app.delete('/jobs/:id', async (request, reply) => {
    const params = parseParams(jobIdParams, request, reply);
    if (!params) return reply;
    const job = cluster.getJob(params.id);
    if (!job) return sendUnknownJob(reply, params.id);
    const { status } = job.overview();
    if (TERMINAL_STATUSES.has(status)) return sendProblems(reply, 409, [{ path: 'params.id', message: `job "${job.jobId}" is already ${status}` }]);
    // 202 as Flink's cancel: the job is CANCELING now; its CANCELED status follows on /jobs/:id and the socket.
    cluster.cancelJob(job.jobId).catch((error: unknown) => console.error(`cancelling job ${job.jobId} failed:`, error));
    return reply.code(202).send({ jobId: job.jobId } satisfies JobSubmitResponse);
  });
}
