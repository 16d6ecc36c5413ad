/**
 * Which slot sharing group each operator belongs to (semantics §2 [OPS]): its own when set;
 * otherwise its inputs' group when they all share one; otherwise (a source, or inputs in different
 * groups) "default". Resolved in topological order so inheritance flows down the whole pipeline.
 */
import { DEFAULTS } from '@sluice/model';
import type { JobGraphIndex } from '../job-graph-index.js';

export function resolveSlotSharingGroups(index: JobGraphIndex): Map<string, string> {
  const groups = new Map<string, string>();
  for (const id of index.topologicalOrder) {
    const own = index.operator(id).slotSharingGroup;
    const inputGroups = new Set(index.inEdges(id).map((edge) => groups.get(edge.source)));
    const [inherited] = inputGroups;
    groups.set(id, own ?? (inputGroups.size === 1 && inherited !== undefined ? inherited : DEFAULTS.slotSharingGroup));
  }
  return groups;
}
