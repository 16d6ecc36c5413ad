/**
 * Per operator of the canvas, the backpressure of the JobVertex that runs it: chained operators
 * share one task, so they share its busy and backpressured time.
 */
import type { ExecutionGraph } from '@sluice/planner';
import { backpressureLevel, type BackpressureLevel, type TaskState } from '@sluice/protocol';
import { perSecondRatio, vertexBackpressure, type VertexBackpressure } from './backpressure';
import { vertexOfOperator } from '../runtime/live-slice';
import { hasEnded, vertexSamples, type NetworkView, type SubtaskSample } from './network-view';

/** The latest samples of the running subtasks of the JobVertex that runs the operator; null when the plan has no such operator. */
function runningSamples(
  plan: ExecutionGraph,
  view: NetworkView,
  taskStates: Readonly<Record<string, TaskState>>,
  operatorId: string,
): SubtaskSample[] | null {
  const vertex = vertexOfOperator(plan, operatorId);
  return vertex ? vertexSamples(view, vertex.id, vertex.parallelism).filter((s) => !hasEnded(s, taskStates)) : null;
}

/** null when the job's plan has no such operator or none of its vertex's running subtasks has reported. */
export function operatorBackpressure(
  plan: ExecutionGraph,
  view: NetworkView,
  taskStates: Readonly<Record<string, TaskState>>,
  operatorId: string,
): VertexBackpressure | null {
  const running = runningSamples(plan, view, taskStates, operatorId);
  return running && vertexBackpressure(running.map((s) => s.metrics));
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
  const running = runningSamples(plan, view, taskStates, operatorId);
  if (!running || running.length === 0) return null;
  let worst = 0;
  for (const s of running) worst = Math.max(worst, s.metrics.backPressuredMsPerSecond);
  return backpressureLevel(perSecondRatio(worst));
}
