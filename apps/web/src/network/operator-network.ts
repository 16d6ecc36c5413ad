/**
 * Per operator of the canvas, the backpressure of the JobVertex that runs it: chained operators
 * share one task, so they share its busy and backpressured time.
 */
import type { ExecutionGraph } from '@sluice/planner';
import { backpressureLevel, type BackpressureLevel, type TaskState } from '@sluice/protocol';
import { perSecondRatio, vertexBackpressure, type VertexBackpressure } from './backpressure';
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

/**
 * Just the level of operatorBackpressure (its worst running subtask's), for the node's colour: no per-subtask
 * figures are built, so a zoomed-out graph of thousands of subtasks allocates next to nothing per frame.
 */
export function operatorBackpressureLevel(
  plan: ExecutionGraph,
  view: NetworkView,
  taskStates: Readonly<Record<string, TaskState>>,
  operatorId: string,
): BackpressureLevel | null {
  const vertex = vertexOfOperator(plan, operatorId);
  if (!vertex) return null;
  let worst: number | null = null;
  for (const s of vertexSamples(view, vertex.id, vertex.parallelism)) {
    if (!hasEnded(s, taskStates)) worst = Math.max(worst ?? 0, s.metrics.backPressuredMsPerSecond);
  }
  return worst === null ? null : backpressureLevel(perSecondRatio(worst));
}
