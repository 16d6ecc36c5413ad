/**
 * Flink's /jobs resource: submit, list, inspect and cancel jobs on the local cluster. POST /jobs?savepointPath=DIR
 * starts the job from a savepoint (§7 Savepoints), as `flink run -s DIR`; its parallelism may differ from the run
 * that took it, its operators' maxParallelism may not.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SavepointRestoreError, type LocalCluster } from '@sluice/cluster';
import type { JobDetails, JobOverview, JobSubmitResponse } from '@sluice/protocol';
import { FlinkUnavailableError } from '../cli/flink/flink-runner-jvm.js';
import { FlinkClusterError } from '../flink/flink-rest-client.js';
import { RUN_TARGETS, type FlinkTarget, type FlinkTargets } from '../flink/flink-targets.js';
import type { ConfinedPaths } from '../paths/data-root.js';
import { confineJobGraphPaths } from '../paths/job-paths.js';
import { parseJobGraphBody } from './job-graph-body.js';
import { jobIdParams, parseJobParams, parseQuery } from './params.js';
import { sendProblems } from './problem-details.js';

/** Where the job runs: the Sluice local cluster (default), the embedded Flink session cluster, or Flink at `flinkUrl`. */
export const submitQuery = z
  .object({
    savepointPath: z.string().min(1, 'must be the path of a savepoint folder').optional(),
    target: z.enum(RUN_TARGETS).default('local'),
    flinkUrl: z
      .url({ protocol: /^https?$/, error: "must be a Flink REST endpoint's URL, e.g. http://127.0.0.1:8089" })
      .optional(),
  })
  .strict()
  .superRefine((query, context) => {
    if (query.target === 'flink-url' && query.flinkUrl === undefined)
      context.addIssue({ code: 'custom', path: ['flinkUrl'], message: 'is required with target=flink-url' });
    if (query.target !== 'flink-url' && query.flinkUrl !== undefined)
      context.addIssue({ code: 'custom', path: ['flinkUrl'], message: 'is only taken with target=flink-url' });
    if (query.target !== 'local' && query.savepointPath !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['savepointPath'],
        message: 'resuming from a savepoint is only offered on the local cluster',
      });
  });

const TERMINAL_STATUSES = new Set(['FINISHED', 'FAILED', 'CANCELED']);

export function registerJobRoutes(
  app: FastifyInstance,
  cluster: LocalCluster,
  paths: ConfinedPaths,
  flink: FlinkTargets,
): void {
  app.post('/jobs', async (request, reply) => {
    const query = parseQuery(submitQuery, request, reply);
    if (!query) return reply;
    const valid = parseJobGraphBody(request, reply);
    if (!valid) return reply;
    const confined = confineJobGraphPaths(valid, paths);
    const savepointPath = query.savepointPath === undefined ? undefined : paths.resolve(query.savepointPath);
    if (!confined.ok || (query.savepointPath !== undefined && savepointPath === undefined))
      return sendProblems(reply, 400, [
        ...(confined.ok ? [] : confined.problems),
        ...(savepointPath === undefined && query.savepointPath !== undefined
          ? [{ path: 'query.savepointPath', message: paths.refusal(query.savepointPath) }]
          : []),
      ]);
    const { jobGraph } = confined;
    if (query.target !== 'local') {
      const target: FlinkTarget =
        query.target === 'flink-url' ? { target: 'flink-url', flinkUrl: query.flinkUrl! } : { target: query.target };
      try {
        return reply.code(201).send({ jobId: await flink.submit(target, jobGraph) } satisfies JobSubmitResponse);
      } catch (error) {
        if (!(error instanceof FlinkClusterError || error instanceof FlinkUnavailableError)) throw error;
        return sendProblems(reply, 502, [{ path: 'query.target', message: error.message }]);
      }
    }
    let job;
    try {
      // Already valid, so the cluster's own validation passes; besides a savepoint that does not fit, it throws only when shutting down (a 500).
      job = cluster.submitJob(jobGraph, savepointPath === undefined ? {} : { savepointPath });
    } catch (error) {
      if (error instanceof SavepointRestoreError)
        return sendProblems(reply, 400, [{ path: 'query.savepointPath', message: error.message }]);
      if (savepointPath === undefined) throw error;
      // Reading a savepoint should only ever fail as a SavepointRestoreError; anything else is still about the folder given.
      console.error(`POST /jobs: restoring from ${savepointPath} failed unexpectedly:`, error);
      const reason = error instanceof Error ? error.message : String(error);
      return sendProblems(reply, 400, [
        { path: 'query.savepointPath', message: `cannot restore from savepoint ${savepointPath}: ${reason}` },
      ]);
    }
    return reply.code(201).send({ jobId: job.jobId } satisfies JobSubmitResponse);
  });

  app.get('/jobs', async (): Promise<JobOverview[]> => cluster.listJobs().map((job) => job.overview()));

  app.get('/jobs/:id', async (request, reply) => {
    const requested = parseJobParams(cluster, jobIdParams, request, reply);
    if (!requested) return reply;
    return requested.job.details() satisfies JobDetails;
  });

  app.delete('/jobs/:id', async (request, reply) => {
    const flinkJob = (request.params as { id?: unknown }).id;
    if (typeof flinkJob === 'string' && flink.hasJob(flinkJob)) {
      try {
        await flink.cancel(flinkJob);
      } catch (error) {
        if (!(error instanceof FlinkClusterError)) throw error;
        return sendProblems(reply, 502, [{ path: 'params.id', message: error.message }]);
      }
      return reply.code(202).send({ jobId: flinkJob } satisfies JobSubmitResponse);
    }
    const requested = parseJobParams(cluster, jobIdParams, request, reply);
    if (!requested) return reply;
    const { job } = requested;
    const { status } = job.overview();
    if (TERMINAL_STATUSES.has(status))
      return sendProblems(reply, 409, [{ path: 'params.id', message: `job "${job.jobId}" is already ${status}` }]);
    // 202 as Flink's cancel: the job is CANCELING now; its CANCELED status follows on /jobs/:id and the socket.
    cluster.cancelJob(job.jobId).catch((error: unknown) => console.error(`cancelling job ${job.jobId} failed:`, error));
    return reply.code(202).send({ jobId: job.jobId } satisfies JobSubmitResponse);
  });
}
