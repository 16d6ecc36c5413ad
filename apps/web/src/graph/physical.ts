/**
 * ExecutionGraph → xyflow for the physical view: one node per JobVertex (a chain) listing its
 * subtasks and the planned shared slot each one lands in, one edge per JobEdge.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ExecutionGraph, JobVertex } from '@sluice/planner';
import { layeredPositions } from './layout';

export type VertexNodeData = {
  vertex: JobVertex;
  /** Per subtask index, the index of the planned shared slot that holds it. */
  slotOfSubtask: number[];
};
export type VertexNode = Node<VertexNodeData, 'vertex'>;

const PHYSICAL_ROW_HEIGHT = 170;

export function slotOfSubtasks(plan: ExecutionGraph, vertexId: string): number[] {
  const slots: number[] = [];
  plan.slots.forEach((slot, slotIndex) => {
    for (const s of slot.subtasks) if (s.vertexId === vertexId) slots[s.subtaskIndex] = slotIndex;
  });
  return slots;
}

export function toVertexNodes(plan: ExecutionGraph): VertexNode[] {
  const positions = layeredPositions(
    plan.vertices.map((v) => v.id),
    plan.edges,
    PHYSICAL_ROW_HEIGHT,
  );
  return plan.vertices.map((vertex) => ({
    id: vertex.id,
    type: 'vertex',
    position: positions[vertex.id]!,
    data: { vertex, slotOfSubtask: slotOfSubtasks(plan, vertex.id) },
    draggable: false,
    selectable: false,
    domAttributes: { 'data-testid': `vertex-${vertex.id}` } as Record<string, string>,
  }));
}

export function toJobEdges(plan: ExecutionGraph): Edge[] {
  return plan.edges.map((edge) => ({
    id: `je${edge.index}`,
    source: edge.source,
    target: edge.target,
    label: `${edge.partitioner} · ${edge.distribution}`,
    selectable: false,
  }));
}
