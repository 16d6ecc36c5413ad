/** The editor actions that are plain graph edits, beyond graph/edit.ts: keyboard add-and-connect, nudge, parallelism steps. */
import type { JobGraph, OperatorKind } from '@sluice/model';
import * as edit from '../graph/edit';
import { operatorPositions } from '../graph/flow';

/** One grid step of a keyboard move. */
export const NUDGE = 20;
/** Distance of an operator added after another, as the palette lays out clicks. */
const ADD_STEP_X = 240;

/**
 * Adds `kind` to the right of `after` and connects `after` to it when that is allowed, so a pipeline can be typed
 * operator after operator; without `after`, below everything drawn.
 */
export function addAfter(
  graph: JobGraph,
  kind: OperatorKind,
  after: string | undefined,
): { graph: JobGraph; id: string } {
  const positions = operatorPositions(graph);
  const from = after === undefined ? undefined : positions[after];
  const lowest = Math.max(-100, ...Object.values(positions).map((p) => p.y));
  const at = from
    ? { x: from.x + ADD_STEP_X, y: from.y }
    : { x: 0, y: graph.operators.length === 0 ? 0 : lowest + 120 };
  const added = edit.addOperator(graph, kind, at);
  if (after === undefined) return added;
  const connected = edit.connect(added.graph, after, added.id);
  return { graph: connected ? connected.graph : added.graph, id: added.id };
}

export function nudge(graph: JobGraph, ids: readonly string[], dx: number, dy: number): JobGraph {
  const positions = operatorPositions(graph);
  return ids.reduce((g, id) => {
    const at = positions[id];
    return at ? edit.updateOperator(g, id, { position: { x: at.x + dx, y: at.y + dy } }) : g;
  }, graph);
}

/** Parallelism one up or down, never below 1. */
export function stepParallelism(graph: JobGraph, ids: readonly string[], delta: number): JobGraph {
  return ids.reduce((g, id) => {
    const op = g.operators.find((o) => o.id === id);
    return op ? edit.updateOperator(g, id, { parallelism: Math.max(1, op.parallelism + delta) }) : g;
  }, graph);
}
