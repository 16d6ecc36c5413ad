/**
 * Each TaskManager's network memory and process memory, as the cluster panel draws them: seeded by
 * GET /taskmanagers, kept live by `taskmanager.metrics` events. The pool is the TaskManager's, shared
 * by all its tasks whatever job they belong to, so these figures are cluster-wide, not per job.
 */
import type { RuntimeEvent, TaskManagerInfo, TaskManagerMetrics } from '@sluice/protocol';

export type TaskManagerFigures = Record<string, TaskManagerMetrics>;

export function taskManagerFiguresFromInfo(infos: readonly TaskManagerInfo[]): TaskManagerFigures {
  const figures: TaskManagerFigures = {};
  for (const tm of infos) if (tm.metrics) figures[tm.taskManagerId] = tm.metrics;
  return figures;
}

export function applyTaskManagerFigures(figures: TaskManagerFigures, event: RuntimeEvent): TaskManagerFigures {
  switch (event.type) {
    case 'taskmanager.metrics':
      return { ...figures, [event.taskManagerId]: event.metrics };
    case 'taskmanager.lost': {
      // A lost process holds no memory; its last report would claim otherwise.
      const { [event.taskManagerId]: _lost, ...rest } = figures;
      return rest;
    }
    default:
      return figures;
  }
}
