/**
 * The step mode's contract with its viewers (the web app's stepper in a browser worker, `sluice run --step`).
 * Everything here is plain JSON: it crosses a postMessage and is written as NDJSON. Event time therefore never
 * holds Infinity: the end of event time (Flink's Long.MAX_VALUE watermark, +Infinity inside the engine) is
 * reported as END_OF_EVENT_TIME.
 */
import type { ChainedOperatorInspection } from '../operators/operator-chain.js';
import type { TaskLocation } from '../task/deployment.js';
import type { TaskExecutionState, TaskFailure } from '../task/host.js';

export { END_OF_EVENT_TIME } from './event-time-json.js';

export interface StepSessionOptions {
  /** Seeds the order in which runnable tasks move: the same seed replays the same steps. */
  seed: number;
  /** Where the subtasks are drawn (default 1 TaskManager with as many slots as the job needs). */
  taskManagers?: number;
  slotsPerTaskManager?: number;
  /**
   * The processing time of timers and windows starts at 0 and moves only when advanced: by this many ms before
   * every step (`sluice run --step --processing-time-step MS`; default 0), and by StepSession.advanceProcessingTime.
   */
  processingTimeStepMs?: number;
  /**
   * Advances made by hand (StepSession.advanceProcessingTime) when the session had taken `afterStep` steps: a
   * session made with them replays them at the same points, so a step back after an advance stays exact.
   */
  processingTimeAdvances?: ProcessingTimeAdvance[];
}

export interface ProcessingTimeAdvance {
  afterStep: number;
  ms: number;
}

export type StepElementKind = 'record' | 'watermark' | 'watermarkStatus' | 'endOfPartition';

/** One channel: edge (result partition) × producer subtask × consumer subtask. */
export interface StepChannelId {
  edgeIndex: number;
  sourceVertexId: string;
  producerSubtask: number;
  targetVertexId: string;
  consumerSubtask: number;
}

/** A window result seen leaving a window operator during the step (design.md: one record per firing). */
export interface FiredWindow {
  operatorId: string;
  key: unknown;
  start: number;
  end: number;
  value: unknown;
}

/**
 * One step. A step is one task's mailbox turn that moved one element:
 * - a task with inputs took one element out of one input channel (`channel` set) and ran it through its chain;
 * - a task headed by a source emitted one record, or at its end the end of event time (its final watermark; the
 *   end of partition follows it into the channels in the same turn);
 * - a processing-time timer made an operator emit (a periodic watermark, a processing-time window): no `channel`.
 * What the chain emitted in that turn is in the snapshot's channels and sinks.
 */
export interface StepEvent {
  /** 1-based: the session's stepCount right after this step. */
  index: number;
  kind: StepElementKind;
  /** The task that moved: the consumer of `channel`, or the task whose source or timer emitted. */
  vertexId: string;
  subtaskIndex: number;
  channel?: StepChannelId;
  value?: unknown;
  timestamp?: number;
  watermark?: number;
  /** For a watermarkStatus: whether the channel's producer went idle (true) or active again. */
  idle?: boolean;
  firedWindows?: FiredWindow[];
  /**
   * The task's event-time clock (StepTask.currentWatermark) moved forward in this step. `operatorId` is the head
   * of the task's chain for a task with inputs (every operator chained behind it sees the same watermark), and
   * for a source task the operator whose watermark leaves the chain (e.g. its `watermarks` operator).
   */
  watermarkAdvanced?: { operatorId: string; subtaskIndex: number; watermark: number };
}

/** An element in a channel, oldest first: written by the producer and not yet taken by the consumer. */
export interface InFlightElement {
  kind: StepElementKind;
  value?: unknown;
  timestamp?: number;
  watermark?: number;
  idle?: boolean;
}

export interface StepInputChannel {
  edgeIndex: number;
  sourceVertexId: string;
  producerSubtask: number;
  /** The highest watermark taken from this channel; null before the first. */
  watermark: number | null;
  /** The producer's last watermark status on this channel: idle channels leave the task's minimum (§5). */
  idle: boolean;
}

export interface StepTask {
  vertexId: string;
  subtaskIndex: number;
  taskName: string;
  location: TaskLocation;
  state: TaskExecutionState;
  /**
   * The task's event-time clock: for a task with inputs its input watermark (the minimum over active channels,
   * §5); for a source task the last watermark it emitted. null before the first.
   */
  currentWatermark: number | null;
  inputChannels: StepInputChannel[];
  /** Timers and open windows of every operator of the chain, head first. */
  operators: ChainedOperatorInspection[];
  recordsIn: number;
  recordsOut: number;
}

export interface StepSnapshot {
  stepCount: number;
  /** The virtual processing time in ms since the job started: it stands still while elements move and jumps to the next timer when none can. */
  processingTime: number;
  /** The clock processing-time timers and windows read (StepSessionOptions.processingTimeStepMs): it moves only when advanced. */
  operatorProcessingTime: number;
  tasks: StepTask[];
  channels: (StepChannelId & { inFlight: InFlightElement[] })[];
  /** Records of each sink.collect operator, in arrival order. */
  sinks: Record<string, unknown[]>;
}

export type StepJobStatus = 'RUNNING' | 'FINISHED' | 'FAILED';

/** Why the job failed: the first task failure, with its task; or a job stuck with no task able to move (no task). */
export type StepFailure = TaskFailure & { vertexId?: string; subtaskIndex?: number };

export interface StepResult {
  status: StepJobStatus;
  sinks: Record<string, unknown[]>;
  /** Lines of sink.print operators, in order ("subtask> value"). */
  printed: string[];
  failure?: StepFailure;
}

export interface StepSession {
  /** Moves exactly one element one hop (see StepEvent); null once the job has ended. */
  step(): StepEvent | null;
  readonly stepCount: number;
  /**
   * Moves the processing time of timers and windows on by `ms` (the step view's "advance processing time"); what
   * falls due fires in the steps that follow. A replay repeats it before the same step.
   */
  advanceProcessingTime(ms: number): void;
  snapshot(): StepSnapshot;
  result(): StepResult;
}
