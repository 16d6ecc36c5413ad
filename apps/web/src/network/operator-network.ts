/**
 * Per operator of the canvas, the backpressure of the JobVertex that runs it: chained operators
 * share one task, so they share its busy and backpressured time.
 */
import type { ExecutionGraph } from '@sluice/planner';
import type { TaskState } from '@sluice/protocol';
import { vertexBackpressure, type VertexBackpressure } from './backpressure';
import { vertexOfOperator } from '../runtime/live-slice';
import { hasEnded, vertexSamples, type NetworkView } from './network-view';

/** null when the job's plan has no such operator or none of its vertex's running subtasks has reported. */
export function operatorBackpressure(
  plan: ExecutionGraph,
  view: NetworkView,
  taskStates: Readonly<Record<string, TaskState>>,
  operatorId: string,
): VertexBackpressure | null {
  const vertex = vertexOfOperator(plan, operatorId);
  if (!vertex) return null;
  const running = vertexSamples(view, vertex.id, vertex.parallelism).filter((s) => !hasEnded(s, taskStates));
  return vertexBackpressure(running.map((s) => s.metrics));
}
