/**
 * JobGraph → ExecutionGraph: chaining (§1), slot sharing and placement (§2), network edges (§3). Unions are
 * virtual, as in Flink: planned away before anything else (model's virtual-union.ts), so no JobVertex runs one;
 * a windowAll's inputs are hash edges, as Flink's AllWindowedStream makes them (window-all-inputs.ts).
 * Pure and synchronous: the editor re-plans on every change, the JobMaster plans once per job.
 */
import { withoutVirtualUnions, type JobGraph } from '@sluice/model';
import { chainOperators } from './chaining/job-vertices.js';
import { resolveSlotSharingGroups } from './chaining/slot-sharing-groups.js';
import type { ExecutionGraph } from './execution-graph.js';
import { buildJobEdges } from './job-edges.js';
import { indexJobGraph } from './job-graph-index.js';
import { keyWindowAllInputs } from './window-all-inputs.js';
import { placeSubtasksInSharedSlots } from './slots/local-input-preferred.js';
import { calculateRequiredSlots } from './slots/slots-required.js';

/** Plans a JobGraph that validateJobGraph accepted; throws on dangling edge endpoints or cycles. */
export function planExecutionGraph(drawn: JobGraph): ExecutionGraph {
  const jobGraph = keyWindowAllInputs(withoutVirtualUnions(drawn));
  const index = indexJobGraph(jobGraph);
  const { vertices, vertexOf, networkEdges } = chainOperators(index, resolveSlotSharingGroups(index));
  const edges = buildJobEdges(networkEdges, vertexOf, index);
  return {
    jobName: jobGraph.name,
    slotsRequired: calculateRequiredSlots(vertices),
    vertices,
    edges,
    slots: placeSubtasksInSharedSlots(vertices, edges),
    operators: Object.fromEntries(jobGraph.operators.map((op) => [op.id, op])),
  };
}
