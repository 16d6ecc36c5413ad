/**
 * Whether the local cluster can run the plan now: a job needs slotsRequired slots at once (the planner's count
 * under slot sharing, §2 Slot sharing), and the ResourceManager only grants free ones. A job that does not fit waits for
 * the slot request timeout and FAILS; saying so before Run spares the wait.
 */
import type { ExecutionGraph } from '@sluice/planner';
import type { ClusterView } from './cluster';

export interface SlotShortage {
  needed: number;
  free: number;
}

/** The shortage, or null when the plan fits or no TaskManager is known yet (nothing to compare with). */
export function slotShortage(plan: ExecutionGraph, cluster: ClusterView): SlotShortage | null {
  const live = Object.values(cluster).filter((tm) => !tm.lost);
  if (live.length === 0) return null;
  let free = 0;
  for (const tm of live) for (const slot of tm.slots) if (slot.jobId === null && slot.subtasks.length === 0) free += 1;
  return plan.slotsRequired > free ? { needed: plan.slotsRequired, free } : null;
}
