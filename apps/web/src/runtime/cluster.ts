/**
 * The cluster as the Cluster panel draws it: TaskManagers and their slots, each slot listing the
 * subtasks it runs (several, under slot sharing). Seeded by GET /taskmanagers, kept live by
 * taskmanager.* and slot.* events.
 */
import type { RuntimeEvent, TaskManagerInfo } from '@sluice/protocol';
import type { SubtaskRef } from '@sluice/planner';

export interface SlotView {
  index: number;
  jobId: string | null;
  subtasks: SubtaskRef[];
}

export interface TaskManagerView {
  taskManagerId: string;
  slots: SlotView[];
  lost: boolean;
  /** How the loss was detected ("process killed by SIGKILL", "no heartbeat for 2040 ms ..."); null while it lives. */
  lostReason: string | null;
}

export type ClusterView = Record<string, TaskManagerView>;

/**
 * The Dispatcher lists the TaskManagers alive; those lost since the view was opened stay in it, marked lost, so a
 * failure and its replacement remain visible side by side (until the next run, see liveTaskManagers).
 */
export function clusterFromInfo(infos: readonly TaskManagerInfo[], previous: ClusterView = {}): ClusterView {
  const cluster: ClusterView = {};
  for (const tm of Object.values(previous)) if (tm.lost) cluster[tm.taskManagerId] = tm;
  for (const tm of infos) {
    cluster[tm.taskManagerId] = {
      taskManagerId: tm.taskManagerId,
      lost: false,
      lostReason: null,
      slots: tm.slots.map((s) => ({ index: s.index, jobId: s.jobId, subtasks: s.subtasks.map((x) => ({ ...x })) })),
    };
  }
  return cluster;
}

function emptySlots(count: number): SlotView[] {
  return Array.from({ length: count }, (_, index) => ({ index, jobId: null, subtasks: [] }));
}

function withSlot(tm: TaskManagerView, index: number, update: (slot: SlotView) => SlotView): TaskManagerView {
  const slots =
    tm.slots.length > index ? [...tm.slots] : [...tm.slots, ...emptySlots(index + 1).slice(tm.slots.length)];
  slots[index] = update(slots[index]!);
  return { ...tm, slots };
}

export function applyClusterEvent(cluster: ClusterView, event: RuntimeEvent): ClusterView {
  switch (event.type) {
    case 'taskmanager.registered':
      return {
        ...cluster,
        [event.taskManagerId]: {
          taskManagerId: event.taskManagerId,
          lost: false,
          lostReason: null,
          slots: emptySlots(event.slots),
        },
      };
    case 'taskmanager.lost': {
      const tm = cluster[event.taskManagerId];
      if (!tm) return cluster;
      const lost = {
        ...tm,
        lost: true,
        lostReason: event.reason ?? null,
        slots: tm.slots.map((s) => ({ ...s, jobId: null, subtasks: [] })),
      };
      return { ...cluster, [event.taskManagerId]: lost };
    }
    case 'slot.allocated':
    case 'slot.released': {
      const tm = cluster[event.taskManagerId] ?? {
        taskManagerId: event.taskManagerId,
        lost: false,
        lostReason: null,
        slots: [],
      };
      const ref: SubtaskRef = { vertexId: event.vertexId, subtaskIndex: event.subtaskIndex };
      const same = (s: SubtaskRef) => s.vertexId === ref.vertexId && s.subtaskIndex === ref.subtaskIndex;
      const next = withSlot(tm, event.slotIndex, (slot) => {
        if (event.type === 'slot.allocated') {
          return {
            ...slot,
            jobId: event.jobId,
            subtasks: slot.subtasks.some(same) ? slot.subtasks : [...slot.subtasks, ref],
          };
        }
        const subtasks = slot.subtasks.filter((s) => !same(s));
        return { ...slot, subtasks, jobId: subtasks.length === 0 ? null : slot.jobId };
      });
      return { ...cluster, [event.taskManagerId]: next };
    }
    default:
      return cluster;
  }
}

export function slotsTaken(cluster: ClusterView): number {
  let taken = 0;
  for (const tm of Object.values(cluster))
    for (const slot of tm.slots) if (slot.subtasks.length > 0 || slot.jobId !== null) taken += 1;
  return taken;
}

/** Slots holding at least one subtask of the job. */
export function slotsTakenBy(cluster: ClusterView, jobId: string): number {
  let taken = 0;
  for (const tm of Object.values(cluster))
    for (const slot of tm.slots) if (slot.jobId === jobId && slot.subtasks.length > 0) taken += 1;
  return taken;
}

/** The view without the TaskManagers that were lost. */
export function liveTaskManagers(cluster: ClusterView): ClusterView {
  return Object.fromEntries(Object.entries(cluster).filter(([, tm]) => !tm.lost));
}
