/**
 * The step snapshot laid onto the logical canvas. The engine speaks of JobVertices (chains), their
 * subtasks and ExecutionGraph edges; the canvas shows operators and JobGraph edges. A task's watermark
 * and input channels belong to its whole chain, so they are drawn on the chain's head operator; timers
 * and windows belong to the operator that holds them; a channel's elements in flight are drawn on the
 * JobGraph edge that the ExecutionGraph edge stands for (chained edges have no channels).
 */
import type { InFlightElement, StepEvent, StepSnapshot } from '@sluice/engine';
import type { EdgeSpec } from '@sluice/model';
import type { ExecutionGraph, JobEdge } from '@sluice/planner';

type TaskSnapshot = StepSnapshot['tasks'][number];

export interface InputChannelView {
  /** The producing operator and subtask, e.g. `wm#1`. */
  producer: string;
  watermark: number | null;
  idle: boolean;
}

export interface SubtaskView {
  subtaskIndex: number;
  state: string;
  /** The task's event-time clock: the minimum over its active input channels (§5 per-channel valve). */
  watermark: number | null;
  inputs: InputChannelView[];
  /** The last step was this subtask's: it took an element from an input channel, or its source emitted. */
  justMoved: boolean;
}

export interface TimerView {
  subtaskIndex: number;
  time: number;
  domain: 'event' | 'processing';
  key?: unknown;
}

export interface WindowView {
  subtaskIndex: number;
  key: unknown;
  start: number;
  end: number;
  value: unknown;
  count: number;
}

/** One state of one key of a process function (a list's array, a map's [key, value] pairs). */
export interface StateView {
  subtaskIndex: number;
  key: unknown;
  name: string;
  kind: 'value' | 'list' | 'map';
  value: unknown;
}

export interface OperatorStepView {
  /** Only on a chain's head operator. */
  subtasks: SubtaskView[] | null;
  /**
   * A chained operator that advanced its subtask's watermark (a watermarks operator behind a source): the
   * watermark it last emitted, per subtask, so the watermark shows where it is generated.
   */
  emitted: { subtaskIndex: number; watermark: number }[];
  timers: TimerView[];
  windows: WindowView[];
  state: StateView[];
}

export interface ChannelView {
  producerSubtask: number;
  consumerSubtask: number;
  /** Oldest first: the next element the consumer will take is `inFlight[0]`. */
  inFlight: InFlightElement[];
  /** The element the last step took out of this channel (it is in the consumer now), drawn past the lane's end. */
  justTaken: InFlightElement | null;
}

function tasksOf(snapshot: StepSnapshot, vertexId: string): TaskSnapshot[] {
  return snapshot.tasks.filter((t) => t.vertexId === vertexId).sort((a, b) => a.subtaskIndex - b.subtaskIndex);
}

function stepWasBy(event: StepEvent | null, vertexId: string, subtaskIndex: number): boolean {
  return event !== null && event.vertexId === vertexId && event.subtaskIndex === subtaskIndex;
}

/** The element a step took out of its channel, as the channel held it. */
function takenElement(event: StepEvent): InFlightElement {
  const { kind, value, timestamp, watermark, idle } = event;
  return {
    kind,
    ...(value === undefined ? {} : { value }),
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(watermark === undefined ? {} : { watermark }),
    ...(idle === undefined ? {} : { idle }),
  };
}

/** The watermark each subtask of the operator last advanced to, from the step log; ascending by subtask. */
export function emittedWatermarks(
  log: readonly StepEvent[],
  operatorId: string,
): { subtaskIndex: number; watermark: number }[] {
  const latest = new Map<number, number>();
  for (const event of log)
    if (event.watermarkAdvanced?.operatorId === operatorId)
      latest.set(event.watermarkAdvanced.subtaskIndex, event.watermarkAdvanced.watermark);
  return [...latest].sort(([a], [b]) => a - b).map(([subtaskIndex, watermark]) => ({ subtaskIndex, watermark }));
}

export function operatorStepView(
  plan: ExecutionGraph,
  snapshot: StepSnapshot,
  log: readonly StepEvent[],
  operatorId: string,
): OperatorStepView | null {
  const lastEvent = log.at(-1) ?? null;
  const vertex = plan.vertices.find((v) => v.operators.includes(operatorId));
  if (!vertex) return null;
  const tasks = tasksOf(snapshot, vertex.id);
  const isHead = vertex.id === operatorId;
  const timers: TimerView[] = [];
  const windows: WindowView[] = [];
  const state: StateView[] = [];
  for (const task of tasks) {
    const inspection = task.operators.find((o) => o.operatorId === operatorId);
    if (!inspection) continue;
    for (const timer of inspection.timers) timers.push({ subtaskIndex: task.subtaskIndex, ...timer });
    for (const window of inspection.windows) windows.push({ subtaskIndex: task.subtaskIndex, ...window });
    for (const entry of inspection.state ?? []) state.push({ subtaskIndex: task.subtaskIndex, ...entry });
  }
  const subtasks = isHead
    ? tasks.map((task) => ({
        subtaskIndex: task.subtaskIndex,
        state: task.state,
        watermark: task.currentWatermark,
        inputs: task.inputChannels.map((channel) => ({
          producer: `${plan.edges[channel.edgeIndex]?.sourceOperator ?? '?'}#${channel.producerSubtask}`,
          watermark: channel.watermark,
          idle: channel.idle,
        })),
        justMoved: stepWasBy(lastEvent, vertex.id, task.subtaskIndex),
      }))
    : null;
  return { subtasks, emitted: isHead ? [] : emittedWatermarks(log, operatorId), timers, windows, state };
}

/** The ExecutionGraph edge a JobGraph edge became, or null when it was chained (no channels). */
export function jobEdgeFor(plan: ExecutionGraph, edge: EdgeSpec): JobEdge | null {
  return (
    plan.edges.find(
      (e) =>
        e.sourceOperator === edge.source &&
        e.targetOperator === edge.target &&
        (e.sideOutput ?? null) === (edge.sideOutput ?? null),
    ) ?? null
  );
}

export function edgeStepView(
  plan: ExecutionGraph,
  snapshot: StepSnapshot,
  edge: EdgeSpec,
  lastEvent: StepEvent | null,
): ChannelView[] | null {
  const jobEdge = jobEdgeFor(plan, edge);
  if (!jobEdge) return null;
  const moved = lastEvent?.channel;
  return snapshot.channels
    .filter((c) => c.edgeIndex === jobEdge.index)
    .sort((a, b) => a.producerSubtask - b.producerSubtask || a.consumerSubtask - b.consumerSubtask)
    .map((c) => ({
      producerSubtask: c.producerSubtask,
      consumerSubtask: c.consumerSubtask,
      inFlight: c.inFlight,
      justTaken:
        lastEvent &&
        moved &&
        moved.edgeIndex === c.edgeIndex &&
        moved.producerSubtask === c.producerSubtask &&
        moved.consumerSubtask === c.consumerSubtask
          ? takenElement(lastEvent)
          : null,
    }));
}
