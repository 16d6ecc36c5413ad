/** Flink's /taskmanagers: the registered TaskManagers and what runs in each of their slots. */
import type { FastifyInstance } from 'fastify';
import type { LocalCluster } from '@sluice/cluster';
import type { TaskManagerInfo } from '@sluice/protocol';

export function registerTaskManagerRoutes(app: FastifyInstance, cluster: LocalCluster): void {
  app.get('/taskmanagers', async (): Promise<TaskManagerInfo[]> => cluster.taskManagers());
}
