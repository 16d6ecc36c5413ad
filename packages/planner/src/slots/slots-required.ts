/**
 * semantics §2 [SSSA calculateRequiredSlots]: subtasks of one slot sharing group share slots,
 * so a group needs as many slots as its widest JobVertex; groups never share with each other.
 */
import type { JobVertex } from '../execution-graph.js';

export function calculateRequiredSlots(vertices: Pick<JobVertex, 'parallelism' | 'slotSharingGroup'>[]): number {
  const widest = new Map<string, number>();
  for (const { slotSharingGroup, parallelism } of vertices)
    widest.set(slotSharingGroup, Math.max(widest.get(slotSharingGroup) ?? 0, parallelism));
  return [...widest.values()].reduce((sum, n) => sum + n, 0);
}
