/**
 * What a logical edge of the canvas carries while the job runs. A logical edge between two operators
 * chained into one task has no network at all (records are handed over as objects); every other edge
 * is a JobEdge whose channels (one per producer/consumer subtask pair) move 32 KB buffers.
 */
import { CATALOGUE } from '@sluice/model';
import type { ExecutionGraph, JobEdge } from '@sluice/planner';
import type { ChannelMetricsView, TaskState } from '@sluice/protocol';
import { hasEnded, vertexSamples, type NetworkView, type SubtaskSample } from './network-view';

/** Both ends chained into one task: records are handed over as objects, through no buffer. */
export interface ChainedEdge {
  kind: 'chained';
}

export interface NetworkEdge {
  kind: 'network';
  jobEdge: JobEdge;
  /** Records crossing the edge per second, summed over the subtasks still running; null when not measurable. */
  recordsPerSecond: number | null;
  /** The fullest sender's output buffer pool (Flink's outPoolUsage, 0..1); null before a report. */
  outPoolUsage: number | null;
  /** The fullest receiver's input buffers (Flink's inPoolUsage, 0..1). */
  inPoolUsage: number | null;
  /** One per subtask pair that reported, by producer then consumer subtask. */
  channels: ChannelMetricsView[];
}

export type EdgeNetwork = ChainedEdge | NetworkEdge;

/** Σ of the per-subtask rates; a subtask that ended moves nothing any more. */
function vertexRate(
  samples: readonly SubtaskSample[],
  taskStates: Readonly<Record<string, TaskState>>,
  pick: (s: SubtaskSample) => number | null,
): number | null {
  let sum: number | null = null;
  for (const s of samples) {
    const r = hasEnded(s, taskStates) ? 0 : pick(s);
    if (r !== null) sum = (sum ?? 0) + r;
  }
  return sum;
}

/**
 * The edge's throughput comes from a counter that sees only this edge: the receiver's records in when
 * the edge is its only input (a broadcast then counts every copy that crossed), else the sender's
 * records out when the edge is its only way out and no sink in its chain counts records too.
 */
function edgeThroughput(
  plan: ExecutionGraph,
  jobEdge: JobEdge,
  sources: readonly SubtaskSample[],
  targets: readonly SubtaskSample[],
  taskStates: Readonly<Record<string, TaskState>>,
): number | null {
  if (plan.edges.filter((e) => e.target === jobEdge.target).length === 1)
    return vertexRate(targets, taskStates, (s) => s.recordsInPerSecond);
  const sourceVertex = plan.vertices.find((v) => v.id === jobEdge.source);
  const onlyOutput = plan.edges.filter((e) => e.source === jobEdge.source).length === 1;
  const chainHasSink = sourceVertex?.operators.some((id) => {
    const spec = plan.operators[id];
    return spec !== undefined && CATALOGUE[spec.kind].role === 'sink';
  });
  if (onlyOutput && chainHasSink === false) return vertexRate(sources, taskStates, (s) => s.recordsOutPerSecond);
  return null;
}

function maxOf(samples: readonly SubtaskSample[], pick: (s: SubtaskSample) => number): number | null {
  return samples.length === 0 ? null : Math.max(...samples.map(pick));
}

/** The JobEdge that carries the canvas edge source → target; undefined when both ends are chained into one task (or the plan has no such edge). */
export function jobEdgeOf(plan: ExecutionGraph, source: string, target: string): JobEdge | undefined {
  return plan.edges.find((e) => e.sourceOperator === source && e.targetOperator === target);
}

/** null when the job's plan has no such edge (the graph was edited after the run). */
export function edgeNetwork(
  plan: ExecutionGraph,
  source: string,
  target: string,
  view: NetworkView,
  taskStates: Readonly<Record<string, TaskState>>,
): EdgeNetwork | null {
  const jobEdge = jobEdgeOf(plan, source, target);
  if (!jobEdge) {
    const chained = plan.vertices.some((v) => v.chainedEdges.some((e) => e.source === source && e.target === target));
    return chained ? { kind: 'chained' } : null;
  }
  const parallelism = (vertexId: string) => plan.vertices.find((v) => v.id === vertexId)?.parallelism ?? 0;
  const sources = vertexSamples(view, jobEdge.source, parallelism(jobEdge.source));
  const targets = vertexSamples(view, jobEdge.target, parallelism(jobEdge.target));
  const channels = Object.values(view.channels)
    .filter((c) => c.sourceVertexId === jobEdge.source && c.targetVertexId === jobEdge.target)
    .sort((a, b) => a.sourceSubtask - b.sourceSubtask || a.targetSubtask - b.targetSubtask);
  return {
    kind: 'network',
    jobEdge,
    recordsPerSecond: edgeThroughput(plan, jobEdge, sources, targets, taskStates),
    // An ended subtask has released its buffers.
    outPoolUsage: maxOf(
      sources.filter((s) => !hasEnded(s, taskStates)),
      (s) => s.metrics.outPoolUsage,
    ),
    inPoolUsage: maxOf(
      targets.filter((s) => !hasEnded(s, taskStates)),
      (s) => s.metrics.inPoolUsage,
    ),
    channels,
  };
}
