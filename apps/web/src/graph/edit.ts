/**
 * Edits of a JobGraph as pure functions (old graph in, new graph out): the store applies them,
 * the tests check them without React, and the saved file is exactly what they build.
 */
import {
  CATALOGUE,
  defaultPartitioner,
  type EdgeSpec,
  type JobGraph,
  type OperatorKind,
  type OperatorSpec,
} from '@sluice/model';

export interface Position {
  x: number;
  y: number;
}

/** Short, readable ids for new operators: "map-1", "sequence-2" (the kind without its role prefix). */
export function newOperatorId(graph: JobGraph, kind: OperatorKind): string {
  const base = kind.replace(/^(source|sink)\./, '');
  const taken = new Set(graph.operators.map((op) => op.id));
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

export function addOperator(graph: JobGraph, kind: OperatorKind, position: Position): { graph: JobGraph; id: string } {
  const id = newOperatorId(graph, kind);
  const params = structuredClone(CATALOGUE[kind].defaultParams);
  const operator: OperatorSpec = {
    id,
    kind,
    parallelism: 1,
    params,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { graph: { ...graph, operators: [...graph.operators, operator] }, id };
}

/** Why a connection is refused, or null when it may be drawn. */
export function connectionRefusal(
  graph: JobGraph,
  source: string,
  target: string,
): 'self' | 'missing' | 'duplicate' | 'into-source' | 'out-of-sink' | null {
  if (source === target) return 'self';
  const from = graph.operators.find((op) => op.id === source);
  const to = graph.operators.find((op) => op.id === target);
  if (!from || !to) return 'missing';
  if (CATALOGUE[to.kind].role === 'source') return 'into-source';
  if (CATALOGUE[from.kind].role === 'sink') return 'out-of-sink';
  if (graph.edges.some((e) => e.source === source && e.target === target && e.sideOutput === undefined))
    return 'duplicate';
  return null;
}

export function connect(graph: JobGraph, source: string, target: string): { graph: JobGraph; index: number } | null {
  if (connectionRefusal(graph, source, target) !== null) return null;
  const from = graph.operators.find((op) => op.id === source)!;
  const to = graph.operators.find((op) => op.id === target)!;
  const edge: EdgeSpec = { source, target, partitioner: defaultPartitioner(from.parallelism, to.parallelism) };
  return { graph: { ...graph, edges: [...graph.edges, edge] }, index: graph.edges.length };
}

/** Removes operators (with every edge touching them) and edges given by index. */
export function removeElements(
  graph: JobGraph,
  operatorIds: readonly string[],
  edgeIndices: readonly number[],
): JobGraph {
  const goneOperators = new Set(operatorIds);
  const goneEdges = new Set(edgeIndices);
  return {
    ...graph,
    operators: graph.operators.filter((op) => !goneOperators.has(op.id)),
    edges: graph.edges.filter(
      (e, i) => !goneEdges.has(i) && !goneOperators.has(e.source) && !goneOperators.has(e.target),
    ),
  };
}

/** A patch value of undefined removes the field, so optional settings return to their defaults in the saved file. */
function patched<T extends object>(value: T, patch: Partial<T>): T {
  const next: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, v] of Object.entries(patch)) {
    if (v === undefined) delete next[key];
    else next[key] = v;
  }
  return next as T;
}

export type OperatorPatch = Partial<
  Pick<OperatorSpec, 'name' | 'parallelism' | 'chaining' | 'slotSharingGroup' | 'position' | 'slowdownMs'>
>;

export function updateOperator(graph: JobGraph, id: string, patch: OperatorPatch): JobGraph {
  return { ...graph, operators: graph.operators.map((op) => (op.id === id ? patched<OperatorSpec>(op, patch) : op)) };
}

export function setParam(graph: JobGraph, id: string, name: string, value: unknown): JobGraph {
  return {
    ...graph,
    operators: graph.operators.map((op) =>
      op.id === id ? { ...op, params: patched(op.params ?? {}, { [name]: value }) } : op,
    ),
  };
}

export type EdgePatch = Partial<Pick<EdgeSpec, 'partitioner' | 'key' | 'sideOutput' | 'input'>>;

export function updateEdge(graph: JobGraph, index: number, patch: EdgePatch): JobGraph {
  return { ...graph, edges: graph.edges.map((e, i) => (i === index ? patched<EdgeSpec>(e, patch) : e)) };
}
