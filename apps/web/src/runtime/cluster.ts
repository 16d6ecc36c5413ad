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
}

export type ClusterView = Record<string, TaskManagerView>;

export function clusterFromInfo(infos: readonly TaskManagerInfo[]): ClusterView {
  const cluster: ClusterView = {};
  for (const tm of infos) {
    cluster[tm.taskManagerId] = {
      taskManagerId: tm.taskManagerId,
      lost: false,
      slots: tm.slots.map((s) => ({ index: s.index, jobId: s.jobId, subtasks: s.subtasks.map((x) => ({ ...x })) })),
    };
  }
  return cluster;
}

function emptySlots(count: number): SlotView[] {
  return Array.from({ length: count }, (_, index) => ({ index, jobId: null, subtasks: [] }));
}

function withSlot(tm: TaskManagerView, index: number, update: (slot: SlotView) => SlotView): TaskManagerView {
  const slots = tm.slots.length > index ? [...tm.slots] : [...tm.slots, ...emptySlots(index + 1).slice(tm.slots.length)];
  slots[index] = update(slots[index]!);
  return { ...tm, slots };
}

export function applyClusterEvent(cluster: ClusterView, event: RuntimeEvent): ClusterView {
  switch (event.type) {
    case 'taskmanager.registered':
      return { ...cluster, [event.taskManagerId]: { taskManagerId: event.taskManagerId, lost: false, slots: emptySlots(event.slots) } };
    case 'taskmanager.lost': {
      const tm = cluster[event.taskManagerId];
      if (!tm) return cluster;
      return { ...cluster, [event.taskManagerId]: { ...tm, lost: true, slots: tm.slots.map((s) => ({ ...s, jobId: null, subtasks: [] })) } };
    }
    case 'slot.allocated':
    case 'slot.released': {
      const tm = cluster[event.taskManagerId] ?? { taskManagerId: event.taskManagerId, lost: false, slots: [] };
      const ref: SubtaskRef = { vertexId: event.vertexId, subtaskIndex: event.subtaskIndex };
      const same = (s: SubtaskRef) => s.vertexId === ref.vertexId && s.subtaskIndex === ref.subtaskIndex;
      const next = withSlot(tm, event.slotIndex, (slot) => {
        if (event.type === 'slot.allocated') {
          return { ...slot, jobId: event.jobId, subtasks: slot.subtasks.some(same) ? slot.subtasks : [...slot.subtasks, ref] };
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
  for (const tm of Object.values(cluster)) for (const slot of tm.slots) if (slot.subtasks.length > 0 || slot.jobId !== null) taken += 1;
  return taken;
}

/** Slots holding at least one subtask of the job. */
export function slotsTakenBy(cluster: ClusterView, jobId: string): number {
  let taken = 0;
  for (const tm of Object.values(cluster)) for (const slot of tm.slots) if (slot.jobId === jobId && slot.subtasks.length > 0) taken += 1;
  return taken;
}
