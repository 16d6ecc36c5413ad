/**
 * Which subtasks share which slot: Flink's LocalInputPreferredSlotSharingStrategy (semantics §2
 * [LIP], as in apache/flink master), so that a consumer runs where its input is produced and the
 * record exchange stays local. JobVertices are visited in topological order, in two passes each:
 *
 * 1. Every subtask tries the slots of its producers, input by input (in JobEdge order). An input's producers are its
 *    "consumed partition group": all producer subtasks for an ALL_TO_ALL edge (one group shared by all
 *    consumer subtasks), the pointwise producers for a POINTWISE edge (shared by the consumers that read
 *    exactly those producers). A group's candidates are its producers' slots in producer order, only
 *    when the producer is in the same slot sharing group; each candidate is offered once and then
 *    dropped, taken or not. So over an ALL_TO_ALL edge consumer j gets producer j's slot while
 *    there are producers left, and over a 2→4 rescale edge only the first consumer of each
 *    producer lands with it.
 * 2. The subtasks left over take, in order, the first slot of their group that holds no subtask of
 *    their vertex yet, else a new slot. Running this pass after the first keeps a slot free for
 *    the subtask that prefers it.
 *
 * A slot never holds two subtasks of one JobVertex.
 */
import type { JobEdge, JobVertex, SharedSlotPlan } from '../execution-graph.js';
import { pointwiseProducers } from '../wiring/pointwise.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export function placeSubtasksInSharedSlots(vertices: JobVertex[], edges: JobEdge[]): SharedSlotPlan[] {
  const slots: SharedSlotPlan[] = [];
  const slotOf = new Map<string, SharedSlotPlan>();
  const candidatesOfConsumedGroup = new Map<string, SharedSlotPlan[]>();
  const vertexById = new Map(vertices.map((vertex) => [vertex.id, vertex]));
  const subtaskKey = (vertexId: string, subtaskIndex: number): string => `${vertexId}#${subtaskIndex}`;

  const producerSlot = (vertexId: string, subtaskIndex: number): SharedSlotPlan => {
    const slot = slotOf.get(subtaskKey(vertexId, subtaskIndex));
    if (!slot)
      throw new Error(`JobVertex ${vertexId} is placed after its consumers: the vertices are not in topological order`);
    return slot;
  };

  for (const vertex of vertices) {
    const isFreeFor = (slot: SharedSlotPlan): boolean =>
      slot.slotSharingGroup === vertex.slotSharingGroup &&
      !slot.subtasks.some((subtask) => subtask.vertexId === vertex.id);
    const place = (subtaskIndex: number, slot: SharedSlotPlan): void => {
      slot.subtasks.push({ vertexId: vertex.id, subtaskIndex });
      slotOf.set(subtaskKey(vertex.id, subtaskIndex), slot);
    };
    const inputs = edges.filter((edge) => edge.target === vertex.id);

    const preferredSlot = (subtaskIndex: number): SharedSlotPlan | undefined => {
      for (const edge of inputs) {
        const producer = vertexById.get(edge.source);
        if (!producer) throw new Error(`edge ${edge.index} comes from unknown JobVertex ${edge.source}`);
        const producers =
          edge.distribution === 'ALL_TO_ALL'
            ? range(producer.parallelism)
            : pointwiseProducers(subtaskIndex, producer.parallelism, vertex.parallelism);
        const groupKey = edge.distribution === 'ALL_TO_ALL' ? `${edge.index}` : `${edge.index}:${producers.join(',')}`;
        let candidates = candidatesOfConsumedGroup.get(groupKey);
        if (!candidates) {
          candidates =
            producer.slotSharingGroup === vertex.slotSharingGroup
              ? [...new Set(producers.map((index) => producerSlot(producer.id, index)))]
              : [];
          candidatesOfConsumedGroup.set(groupKey, candidates);
        }
        for (let candidate = candidates.shift(); candidate; candidate = candidates.shift()) {
          if (isFreeFor(candidate)) return candidate;
        }
      }
      return undefined;
    };

    const remaining: number[] = [];
    for (const subtaskIndex of range(vertex.parallelism)) {
      const slot = preferredSlot(subtaskIndex);
      if (slot) place(subtaskIndex, slot);
      else remaining.push(subtaskIndex);
    }
    for (const subtaskIndex of remaining) {
      let slot = slots.find(isFreeFor);
      if (!slot) {
        slot = { slotSharingGroup: vertex.slotSharingGroup, subtasks: [] };
        slots.push(slot);
      }
      place(subtaskIndex, slot);
    }
  }
  return slots;
}
