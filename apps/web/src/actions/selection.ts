/** The selection as a set of operators, for actions that work on several at once (copy, delete, nudge...). */
import type { JobGraph } from '@sluice/model';
import type { Selection } from '../graph/flow';

/** One operator is an `operator` selection, several an `operators` one, none no selection: one shape per meaning. */
export function operatorSelection(ids: readonly string[]): Selection | null {
  if (ids.length === 0) return null;
  return ids.length === 1 ? { type: 'operator', id: ids[0]! } : { type: 'operators', ids: [...ids] };
}

export function selectedOperatorIds(selection: Selection | null): string[] {
  if (selection?.type === 'operator') return [selection.id];
  return selection?.type === 'operators' ? [...selection.ids] : [];
}

/** What is left of `selection` in `graph` (after an undo, say): operators that still exist, an edge index still in range. */
export function selectionIn(graph: JobGraph, selection: Selection | null): Selection | null {
  if (selection?.type === 'edge') return selection.index < graph.edges.length ? selection : null;
  const ids = new Set(graph.operators.map((op) => op.id));
  return operatorSelection(selectedOperatorIds(selection).filter((id) => ids.has(id)));
}
