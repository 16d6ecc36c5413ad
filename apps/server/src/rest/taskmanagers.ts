/**
 * Flink's /taskmanagers: the registered TaskManagers and what runs in each of their slots; and failure injection
 * (§7 Recovery): POST /taskmanagers/:id/kill sends the TaskManager's process a real signal, SIGKILL (a crash,
 * noticed at once by the process exit) or SIGSTOP (a hang, noticed by heartbeat timeout). The JobMasters of the
 * jobs it ran then fail those tasks and their restart strategy decides; the ResourceManager starts a replacement.
 */
import type { FastifyInstance } from 'fastify';
import type { LocalCluster } from '@sluice/cluster';
import { taskManagerKillRequestSchema, type TaskManagerInfo } from '@sluice/protocol';
import { parseBody, parseParams, taskManagerIdParams } from './params.js';
import { sendProblems } from './problem-details.js';

export function registerTaskManagerRoutes(app: FastifyInstance, cluster: LocalCluster): void {
  app.get('/taskmanagers', async (): Promise<TaskManagerInfo[]> => cluster.taskManagers());

  app.post('/taskmanagers/:id/kill', async (request, reply) => {
    const params = parseParams(taskManagerIdParams, request, reply);
    if (!params) return reply;
    const body = parseBody(taskManagerKillRequestSchema, request, reply);
    if (!body) return reply;
    const pid = cluster.signalTaskManager(params.id, body.signal);
    if (pid === undefined) {
      const known = cluster.taskManagers().map((tm) => tm.taskManagerId);
      return sendProblems(reply, 404, [
        {
          path: 'params.id',
          message: `no TaskManager with id "${params.id}" is registered (registered: ${known.join(', ') || 'none'})`,
        },
      ]);
    }
    // 202: the signal is sent; the loss, the failed tasks and the replacement follow on the socket and /taskmanagers.
    return reply.code(202).send({ taskManagerId: params.id });
  });
}
