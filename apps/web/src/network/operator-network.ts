/**
 * Per operator of the canvas, the backpressure of the JobVertex that runs it: chained operators
 * share one task, so they share its busy and backpressured time.
 */
import type { ExecutionGraph } from '@sluice/planner';
import type { TaskState } from '@sluice/protocol';
import { vertexBackpressure, type VertexBackpressure } from './backpressure';
import { hasEnded, vertexSamples, type NetworkView } from './network-view';

export function backpressurePerOperator(
  plan: ExecutionGraph,
  view: NetworkView,
  taskStates: Readonly<Record<string, TaskState>>,
): Record<string, VertexBackpressure> {
  const result: Record<string, VertexBackpressure> = {};
  for (const vertex of plan.vertices) {
    const running = vertexSamples(view, vertex.id, vertex.parallelism).filter((s) => !hasEnded(s, taskStates));
    const backpressure = vertexBackpressure(running.map((s) => s.metrics));
    if (backpressure) for (const operatorId of vertex.operators) result[operatorId] = backpressure;
  }
  return result;
}
