/**
 * Flink's asynchronous savepoint operations (§7 Savepoints): POST /jobs/:id/savepoints and POST /jobs/:id/stop
 * answer 202 with a requestId at once; GET /jobs/:id/savepoints/:requestId reports IN_PROGRESS until the
 * savepoint's folder is written (COMPLETED with its location) or it failed (COMPLETED with the cause), as
 * Flink's AsynchronousOperationResult does. Operations are kept in memory for the Dispatcher's life.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CheckpointException, type JobMasterHandle, type LocalCluster } from '@sluice/cluster';
import {
  savepointTriggerRequestSchema,
  stopWithSavepointRequestSchema,
  type AsyncOperationTrigger,
  type SavepointStatus,
} from '@sluice/protocol';
import { FlinkClusterError } from '../flink/flink-rest-client.js';
import type { FlinkTargets } from '../flink/flink-targets.js';
import type { ConfinedPaths } from '../paths/data-root.js';
import { jobIdParams, knownJob, parseBody, parseParams, requestIdSchema } from './params.js';
import { sendProblems } from './problem-details.js';

export const operationParams = jobIdParams.extend({ requestId: requestIdSchema });

interface SavepointOperation {
  jobId: string;
  result: SavepointStatus;
}

export function registerSavepointRoutes(
  app: FastifyInstance,
  cluster: LocalCluster,
  paths: ConfinedPaths,
  flink: FlinkTargets,
): void {
  const operations = new Map<string, SavepointOperation>();

  /**
   * The savepoint folder inside the data root, or undefined after answering 400. Without a target, Flink's
   * state.savepoints.dir naming under the root's savepoints/: savepoint-<short job id>-<random>.
   */
  function savepointFolder(
    reply: FastifyReply,
    jobId: string,
    targetDirectory: string | undefined,
  ): string | undefined {
    if (targetDirectory === undefined)
      return join(paths.root, 'savepoints', `savepoint-${jobId.slice(0, 6)}-${randomBytes(6).toString('hex')}`);
    const folder = paths.resolve(targetDirectory);
    if (folder === undefined)
      void sendProblems(reply, 400, [{ path: 'body.targetDirectory', message: paths.refusal(targetDirectory) }]);
    return folder;
  }

  /** Starts `run` as an operation of `job`, answering 202 with its id; its outcome is kept for the status route. */
  function startOperation(reply: FastifyReply, job: JobMasterHandle, run: () => Promise<string>): FastifyReply {
    const requestId = randomBytes(16).toString('hex');
    const operation: SavepointOperation = {
      jobId: job.jobId,
      result: { status: { id: 'IN_PROGRESS' }, operation: null },
    };
    operations.set(requestId, operation);
    run().then(
      (location) => (operation.result = { status: { id: 'COMPLETED' }, operation: { location } }),
      (error: unknown) =>
        (operation.result = {
          status: { id: 'COMPLETED' },
          operation:
            error instanceof CheckpointException
              ? { failureCause: error.message, failureReason: error.reason }
              : { failureCause: error instanceof Error ? error.message : String(error) },
        }),
    );
    return reply.code(202).send({ requestId } satisfies AsyncOperationTrigger);
  }

  /** A savepoint operation of a job on Flink: Flink's trigger id is the requestId, or a 502 naming what Flink said. */
  async function flinkOperation(reply: FastifyReply, trigger: () => Promise<string>): Promise<FastifyReply> {
    try {
      return reply.code(202).send({ requestId: await trigger() } satisfies AsyncOperationTrigger);
    } catch (error) {
      if (!(error instanceof FlinkClusterError)) throw error;
      return sendProblems(reply, 502, [{ path: 'params.id', message: error.message }]);
    }
  }

  /** The job, or undefined after answering 404 (unknown) or 409 (not RUNNING: a savepoint needs every task running). */
  function runningJob(reply: FastifyReply, jobId: string, what: string): JobMasterHandle | undefined {
    const job = knownJob(cluster, jobId, reply);
    if (!job) return undefined;
    const { status } = job.overview();
    if (status !== 'RUNNING') {
      void sendProblems(reply, 409, [
        { path: 'params.id', message: `job "${jobId}" is ${status}, not RUNNING: ${what} needs the job running` },
      ]);
      return undefined;
    }
    return job;
  }

  app.post('/jobs/:id/savepoints', async (request, reply) => {
    const params = parseParams(jobIdParams, request, reply);
    if (!params) return reply;
    const body = parseBody(savepointTriggerRequestSchema, request, reply);
    if (!body) return reply;
    const targetDirectory = savepointFolder(reply, params.id, body.targetDirectory);
    if (targetDirectory === undefined) return reply;
    if (flink.hasJob(params.id))
      return flinkOperation(reply, () => flink.triggerSavepoint(params.id, targetDirectory, body.cancelJob));
    const job = runningJob(reply, params.id, 'a savepoint');
    if (!job) return reply;
    return startOperation(reply, job, () => job.triggerSavepoint({ targetDirectory, cancelJob: body.cancelJob }));
  });

  app.post('/jobs/:id/stop', async (request, reply) => {
    const params = parseParams(jobIdParams, request, reply);
    if (!params) return reply;
    const body = parseBody(stopWithSavepointRequestSchema, request, reply);
    if (!body) return reply;
    const targetDirectory = savepointFolder(reply, params.id, body.targetDirectory);
    if (targetDirectory === undefined) return reply;
    if (flink.hasJob(params.id))
      return flinkOperation(reply, () => flink.stopWithSavepoint(params.id, targetDirectory));
    const job = runningJob(reply, params.id, 'stop-with-savepoint');
    if (!job) return reply;
    return startOperation(reply, job, () => job.stopWithSavepoint({ targetDirectory }));
  });

  app.get('/jobs/:id/savepoints/:requestId', async (request, reply) => {
    const params = parseParams(operationParams, request, reply);
    if (!params) return reply;
    if (flink.hasJob(params.id)) {
      try {
        return (await flink.savepointStatus(params.id, params.requestId)) satisfies SavepointStatus;
      } catch (error) {
        if (!(error instanceof FlinkClusterError)) throw error;
        return sendProblems(reply, 502, [{ path: 'params.requestId', message: error.message }]);
      }
    }
    if (!knownJob(cluster, params.id, reply)) return reply;
    const operation = operations.get(params.requestId);
    if (operation?.jobId !== params.id) {
      return sendProblems(reply, 404, [
        { path: 'params.requestId', message: `job "${params.id}" has no savepoint operation "${params.requestId}"` },
      ]);
    }
    return operation.result satisfies SavepointStatus;
  });
}
