/**
 * The running job's network figures as the canvas draws them, folded from `metrics` events. The
 * server coalesces reports into frames that hold only the subtasks and channels that reported since
 * the last frame, so every frame is merged into what is known, never taken as the whole picture.
 * Counters are cumulative; a rate needs two reports of the same subtask, and is measured between the
 * frames' own timestamps so a frame that arrives late does not distort it.
 */
import type { ChannelMetricsView, RuntimeEvent, SubtaskMetrics, TaskState } from '@sluice/protocol';
import { isTerminal } from '../runtime/live-job';
import { subtaskKey, withSubtaskValues, type PerSubtask } from '../runtime/metrics';

export interface SubtaskSample {
  metrics: SubtaskMetrics;
  /** Timestamp of the frame that carried these figures. */
  timestamp: number;
  /** Records per second since the subtask's previous report; null until there is one (or after its counters restarted). */
  recordsInPerSecond: number | null;
  recordsOutPerSecond: number | null;
}

export interface NetworkView {
  jobId: string;
  /** Each subtask's latest sample. */
  subtasks: PerSubtask<SubtaskSample>;
  /** Keyed by channelKey(channel). */
  channels: Record<string, ChannelMetricsView>;
}

export function emptyNetworkView(jobId: string): NetworkView {
  return { jobId, subtasks: {}, channels: {} };
}

export function channelKey(
  c: Pick<ChannelMetricsView, 'sourceVertexId' | 'sourceSubtask' | 'targetVertexId' | 'targetSubtask'>,
): string {
  return `${c.sourceVertexId}/${c.sourceSubtask}>${c.targetVertexId}/${c.targetSubtask}`;
}

function rate(previous: number, current: number, seconds: number): number | null {
  // A counter that went back means the subtask started over (a restart): no span to measure across.
  return current < previous ? null : (current - previous) / seconds;
}

function sample(previous: SubtaskSample | undefined, metrics: SubtaskMetrics, timestamp: number): SubtaskSample {
  if (!previous) return { metrics, timestamp, recordsInPerSecond: null, recordsOutPerSecond: null };
  const seconds = (timestamp - previous.timestamp) / 1000;
  // Two frames with one timestamp give no span: keep the last rate rather than divide by zero.
  if (seconds <= 0) return { ...previous, metrics };
  return {
    metrics,
    timestamp,
    recordsInPerSecond: rate(previous.metrics.recordsIn, metrics.recordsIn, seconds),
    recordsOutPerSecond: rate(previous.metrics.recordsOut, metrics.recordsOut, seconds),
  };
}

export function applyNetworkEvent(view: NetworkView, event: RuntimeEvent): NetworkView {
  if (event.type !== 'metrics' || event.jobId !== view.jobId) return view;
  const subtasks = withSubtaskValues(view.subtasks, event.subtasks, (metrics, previous) =>
    sample(previous, metrics, event.timestamp),
  );
  const channels = { ...view.channels };
  for (const channel of event.channels) channels[channelKey(channel)] = channel;
  return { ...view, subtasks, channels };
}

/** The latest figures of every subtask of the vertex that reported. */
export function vertexSamples(view: NetworkView, vertexId: string, parallelism: number): SubtaskSample[] {
  const samples = view.subtasks[vertexId] ?? [];
  const reported: SubtaskSample[] = [];
  for (let i = 0; i < parallelism; i += 1) {
    const s = samples[i];
    if (s) reported.push(s);
  }
  return reported;
}

/** An ended subtask reports no more, so its last figures would linger: it moves and waits on nothing now. */
export function hasEnded(sample: SubtaskSample, taskStates: Readonly<Record<string, TaskState>>): boolean {
  const state = taskStates[subtaskKey(sample.metrics.vertexId, sample.metrics.subtaskIndex)];
  return state !== undefined && isTerminal(state);
}
