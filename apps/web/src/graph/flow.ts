/**
 * JobGraph ⇄ xyflow. The JobGraph in the store is the single source of truth: xyflow nodes and
 * edges are derived from it on every render, and xyflow's changes come back as JobGraph edits. The live
 * job's figures are not part of them: each node reads its own from the store (runtime/live-slice.ts), so a
 * metrics frame leaves xyflow's nodes and edges untouched.
 */
import type { Edge, Node } from '@xyflow/react';
import { defaultPartitioner, type EdgeSpec, type JobGraph, type OperatorSpec, type Partitioner } from '@sluice/model';
import type { Problem } from '@sluice/protocol';
import type { LocatedProblems } from './problems';
import { layeredPositions } from './layout';

/** `operators`: two or more operators at once (select all, a paste, shift-click); one operator is always `operator`. */
export type Selection =
  { type: 'operator'; id: string } | { type: 'operators'; ids: readonly string[] } | { type: 'edge'; index: number };

export function isOperatorSelected(selection: Selection | null, id: string): boolean {
  return selection?.type === 'operator'
    ? selection.id === id
    : selection?.type === 'operators' && selection.ids.includes(id);
}

export type OperatorNodeData = {
  operator: OperatorSpec;
  problems: Problem[];
};
export type OperatorNode = Node<OperatorNodeData, 'operator'>;

export type PartitionEdgeData = {
  edge: EdgeSpec;
  index: number;
  /** The partitioner the edge gets: its own, or Flink's default when it names none. */
  partitioner: Partitioner;
  problems: Problem[];
};
export type PartitionFlowEdge = Edge<PartitionEdgeData, 'partition'>;

/** Carries source and target so an index that shifts after a deletion never reuses an old edge's id. */
export function flowEdgeId(edge: EdgeSpec, index: number): string {
  return `e${index}:${edge.source}->${edge.target}`;
}

export function edgeIndexOf(flowId: string): number {
  const match = /^e(\d+):/.exec(flowId);
  return match ? Number(match[1]) : -1;
}

export function sameSelection(a: Selection | null, b: Selection | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.type === 'operator' && b.type === 'operator') return a.id === b.id;
  if (a.type === 'edge' && b.type === 'edge') return a.index === b.index;
  if (a.type === 'operators' && b.type === 'operators')
    return a.ids.length === b.ids.length && a.ids.every((id) => b.ids.includes(id));
  return false;
}

export function operatorPositions(graph: JobGraph): Record<string, { x: number; y: number }> {
  const auto = layeredPositions(
    graph.operators.map((op) => op.id),
    graph.edges,
  );
  return Object.fromEntries(graph.operators.map((op) => [op.id, op.position ?? auto[op.id]!]));
}

export function toFlowNodes(graph: JobGraph, located: LocatedProblems, selection: Selection | null): OperatorNode[] {
  const positions = operatorPositions(graph);
  return graph.operators.map((operator) => ({
    id: operator.id,
    type: 'operator',
    position: positions[operator.id]!,
    selected: isOperatorSelected(selection, operator.id),
    data: { operator, problems: located.operators[operator.id] ?? [] },
    domAttributes: { 'data-testid': `node-${operator.id}` } as Record<string, string>,
  }));
}

/** The model's effectivePartitioner, for graphs being drawn: an edge to a missing operator (still invalid) reads forward instead of throwing. */
export function effectivePartitioner(graph: JobGraph, edge: EdgeSpec): Partitioner {
  if (edge.partitioner) return edge.partitioner;
  const source = graph.operators.find((op) => op.id === edge.source);
  const target = graph.operators.find((op) => op.id === edge.target);
  return source && target ? defaultPartitioner(source.parallelism, target.parallelism) : 'forward';
}

export function toFlowEdges(
  graph: JobGraph,
  located: LocatedProblems,
  selection: Selection | null,
): PartitionFlowEdge[] {
  return graph.edges.map((edge, index) => ({
    id: flowEdgeId(edge, index),
    type: 'partition',
    source: edge.source,
    target: edge.target,
    selected: selection?.type === 'edge' && selection.index === index,
    data: { edge, index, partitioner: effectivePartitioner(graph, edge), problems: located.edges[index] ?? [] },
    domAttributes: { 'data-testid': `edge-${edge.source}-${edge.target}` } as Record<string, string>,
  }));
}

/** The JobGraph edge indices behind xyflow edges (e.g. the ones the Delete key removed). */
export function edgeIndices(edges: readonly Pick<PartitionFlowEdge, 'data'>[]): number[] {
  return edges.flatMap((e) => (e.data ? [e.data.index] : []));
}
