/**
 * Copy, cut, paste and duplicate as pure graph functions. A fragment keeps the copied operators with their params
 * and the edges that lie inside the selection; pasting gives every operator a new id and rewires those edges.
 */
import type { EdgeSpec, JobGraph, OperatorSpec } from '@sluice/model';
import { newOperatorId } from '../graph/edit';
import { operatorPositions } from '../graph/flow';

export interface GraphFragment {
  operators: OperatorSpec[];
  edges: EdgeSpec[];
}

/** Where a paste lands relative to what was copied: a little right and a node's height (with its problems) lower, so the copy never hides the original. */
export const PASTE_OFFSET = { x: 40, y: 120 } as const;

export function copyFragment(graph: JobGraph, ids: readonly string[]): GraphFragment {
  const inside = new Set(ids);
  const positions = operatorPositions(graph);
  return structuredClone({
    // Auto-laid-out operators get the position they are drawn at, so the pasted copy keeps the layout.
    operators: graph.operators
      .filter((op) => inside.has(op.id))
      .map((op) => ({ ...op, position: op.position ?? positions[op.id]! })),
    edges: graph.edges.filter((e) => inside.has(e.source) && inside.has(e.target)),
  });
}

/** Adds the fragment `times` offsets away from where it was copied; returns the new operators' ids in fragment order. */
export function pasteFragment(graph: JobGraph, fragment: GraphFragment, times = 1): { graph: JobGraph; ids: string[] } {
  const renamed = new Map<string, string>();
  let next = graph;
  for (const op of fragment.operators) {
    const id = newOperatorId(next, op.kind);
    renamed.set(op.id, id);
    const position = op.position && {
      x: op.position.x + PASTE_OFFSET.x * times,
      y: op.position.y + PASTE_OFFSET.y * times,
    };
    next = {
      ...next,
      operators: [...next.operators, { ...structuredClone(op), id, ...(position ? { position } : {}) }],
    };
  }
  const edges = fragment.edges.map((e) => ({
    ...structuredClone(e),
    source: renamed.get(e.source)!,
    target: renamed.get(e.target)!,
  }));
  return { graph: { ...next, edges: [...next.edges, ...edges] }, ids: [...renamed.values()] };
}
