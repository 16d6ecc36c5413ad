/**
 * The step mode's deterministic session: the job's real StreamTasks, RecordWriters and InputGates on one
 * thread (LocalExecution on the DeterministicScheduler, virtual processing time, seeded choice of the next
 * task to run), with every task told to move one element per mailbox turn (StepObserver). A step runs mailbox
 * work until one turn moved an element; work that moves none (credit announcements, buffer deliveries, a turn
 * that found no input) happens between steps. Same JobGraph and seed, same steps: a step back is a replay.
 */
import type { OperatorKind } from '@sluice/model';
import type { TaskFileSystem } from '../checkpoint/task-file-system.js';
import type { StreamElement } from '../elements/stream-element.js';
import { LocalExecution } from '../local/local-execution.js';
import { inputChannelsOf, outputChannelsOf, type TaskDeploymentDescriptor } from '../task/deployment.js';
import type { StepObserver } from '../task/step-observer.js';
import { GLOBAL_WINDOW } from '../windowing/time-window.js';
import { eventTimeJson } from './event-time-json.js';
import { inFlightElement } from './in-flight-element.js';
import { stepDeploymentDescriptors } from './step-deployment.js';
import type {
  ProcessingTimeAdvance,
  FiredWindow,
  InFlightElement,
  StepChannelId,
  StepEvent,
  StepInputChannel,
  StepResult,
  StepSession,
  StepSessionOptions,
  StepSnapshot,
} from './step-types.js';

/**
 * What the host of the session gives its tasks besides the JobGraph; not JSON, so not among the options that cross
 * a postMessage. With a `fileSystem` (node:fs under `sluice run --step`) sink.file and source.file run as on a
 * TaskManager; a browser worker has none, and such a job fails there saying so.
 */
export interface StepSessionServices {
  fileSystem?: TaskFileSystem;
}

/** Mailbox work without a move before a step gives up: a job whose timers fire forever without emitting anything. */
const MAX_TURNS_PER_STEP = 100_000;

interface ChannelView extends StepChannelId {
  inFlight: InFlightElement[];
}

interface TaskView {
  index: number;
  tdd: TaskDeploymentDescriptor;
  kindOf: ReadonlyMap<string, OperatorKind>;
  inputChannels: Map<string, StepInputChannel>;
  /** For a source task: the highest watermark an operator of its chain emitted, and which operator. */
  emittedWatermark: { operatorId: string; watermark: number } | null;
  /** The clock the last step event reported, to tell when it advances. */
  reportedWatermark: number | null;
}

/** What one mailbox turn moved, gathered while it runs. */
interface Move {
  task: TaskView;
  element: InFlightElement;
  channel?: ChannelView;
  firedWindows: FiredWindow[];
}

export function createStepSession(
  jobGraph: unknown,
  options: StepSessionOptions,
  services: StepSessionServices = {},
): StepSession {
  return new DeterministicStepSession(jobGraph, options, services);
}

/** A session stepped `steps` times (fewer if the job ends first): step back to k is replayTo(k). */
export function replayTo(
  jobGraph: unknown,
  options: StepSessionOptions,
  steps: number,
  services: StepSessionServices = {},
): StepSession {
  if (!Number.isSafeInteger(steps) || steps < 0)
    throw new Error(`steps: must be a whole number ≥ 0, got ${String(steps)}`);
  const session = createStepSession(jobGraph, options, services);
  while (session.stepCount < steps && session.step() !== null);
  return session;
}

class DeterministicStepSession implements StepSession {
  private readonly execution: LocalExecution;
  private readonly tasks: TaskView[];
  private readonly channels = new Map<string, ChannelView>();
  private move: Move | undefined;
  private ended = false;
  private steps = 0;
  private readonly processingTimeStepMs: number;
  private readonly advances: readonly ProcessingTimeAdvance[];

  constructor(jobGraph: unknown, options: StepSessionOptions, { fileSystem }: StepSessionServices) {
    const tdds = stepDeploymentDescriptors(jobGraph, options);
    this.processingTimeStepMs = options.processingTimeStepMs ?? 0;
    this.advances = options.processingTimeAdvances ?? [];
    this.tasks = tdds.map((tdd, index) => this.taskView(tdd, index));
    for (const tdd of tdds) {
      for (const { key, partition, consumer } of outputChannelsOf(tdd)) {
        this.channels.set(key, {
          edgeIndex: partition.edgeIndex,
          sourceVertexId: tdd.vertexId,
          producerSubtask: tdd.subtaskIndex,
          targetVertexId: partition.targetVertexId,
          consumerSubtask: consumer.subtaskIndex,
          inFlight: [],
        });
      }
    }
    const viewOf = new Map(tdds.map((tdd, i) => [tdd, this.tasks[i]!]));
    this.execution = new LocalExecution(tdds, {
      seed: options.seed,
      stepObserver: (tdd) => this.observerFor(viewOf.get(tdd)!),
      manualProcessingTime: true,
      ...(fileSystem && { fileSystem }),
    });
    this.execution.start();
    this.replayAdvances();
  }

  get stepCount(): number {
    return this.steps;
  }

  step(): StepEvent | null {
    if (this.processingTimeStepMs > 0 && !this.execution.isTerminal())
      this.execution.advanceProcessingTime(this.processingTimeStepMs);
    for (let turns = 0; !this.ended; turns++) {
      if (turns >= MAX_TURNS_PER_STEP)
        throw new Error(`no element moved in ${MAX_TURNS_PER_STEP} mailbox turns after step ${this.steps}`);
      if (!this.execution.step()) {
        this.ended = true;
        break;
      }
      const move = this.move;
      if (move) {
        this.move = undefined;
        const event = this.eventOf(move);
        this.replayAdvances();
        return event;
      }
    }
    return null;
  }

  advanceProcessingTime(ms: number): void {
    this.execution.advanceProcessingTime(ms);
  }

  /** The hand-made advances of the options that were made after as many steps as this session has taken. */
  private replayAdvances(): void {
    for (const { afterStep, ms } of this.advances) if (afterStep === this.steps) this.advanceProcessingTime(ms);
  }

  snapshot(): StepSnapshot {
    const snapshot: StepSnapshot = {
      stepCount: this.steps,
      processingTime: this.execution.now(),
      operatorProcessingTime: this.execution.processingTime(),
      tasks: this.execution.inspectTasks().map(({ tdd, state, metrics, operators }, i) => ({
        vertexId: tdd.vertexId,
        subtaskIndex: tdd.subtaskIndex,
        taskName: tdd.taskName,
        location: tdd.location,
        state,
        currentWatermark: this.currentWatermark(this.tasks[i]!, metrics.currentInputWatermark),
        inputChannels: [...this.tasks[i]!.inputChannels.values()],
        operators,
        recordsIn: metrics.recordsIn,
        recordsOut: metrics.recordsOut,
      })),
      channels: [...this.channels.values()],
      sinks: this.execution.result().sinks,
    };
    // A deep copy: the caller keeps a picture of this step while the session moves on.
    return structuredClone(snapshot);
  }

  result(): StepResult {
    const { status, sinks, printed, failure } = this.execution.result();
    const stuck = this.ended && !this.execution.isTerminal();
    const result: StepResult = {
      status: status === 'FINISHED' || status === 'FAILED' ? status : stuck ? 'FAILED' : 'RUNNING',
      sinks: structuredClone(sinks),
      printed: [...printed],
    };
    if (failure) result.failure = structuredClone(failure);
    else if (stuck) {
      const message = 'the job is stuck: no task can move, but not every task has finished';
      result.failure = { message, stack: message };
    }
    return result;
  }

  private taskView(tdd: TaskDeploymentDescriptor, index: number): TaskView {
    const inputChannels = new Map<string, StepInputChannel>();
    for (const { key, gate, producer } of inputChannelsOf(tdd)) {
      inputChannels.set(key, {
        edgeIndex: gate.edgeIndex,
        sourceVertexId: gate.sourceVertexId,
        producerSubtask: producer.subtaskIndex,
        watermark: null,
        idle: false,
      });
    }
    const kindOf = new Map(tdd.operators.map((spec) => [spec.id, spec.kind]));
    return { index, tdd, kindOf, inputChannels, emittedWatermark: null, reportedWatermark: null };
  }

  private observerFor(task: TaskView): StepObserver {
    return {
      elementTaken: (key, element) => {
        const channel = this.channel(key);
        const head = channel.inFlight.shift();
        if (head?.kind !== element.kind)
          throw new Error(
            `step mode lost track of channel ${key}: the task took ${element.kind}, the channel held ${head?.kind ?? 'nothing'}`,
          );
        this.observeInputChannel(task, key, element);
        this.beginMove(task, head, channel);
      },
      elementWritten: (key, element) => {
        this.channel(key).inFlight.push(inFlightElement(element));
      },
      operatorEmitted: (operatorId, element, sideOutput) => {
        // A source's record, or an operator's timer: the first emission of a turn that took no input is its move.
        const move = this.move ?? this.beginMove(task, inFlightElement(element));
        // Operators report head first; on a tie the later one is the one whose watermark leaves the task.
        if (
          element.kind === 'watermark' &&
          task.inputChannels.size === 0 &&
          element.timestamp >= (task.emittedWatermark?.watermark ?? -Infinity)
        ) {
          task.emittedWatermark = { operatorId, watermark: element.timestamp };
        }
        if (element.kind === 'record' && sideOutput === undefined && task.kindOf.get(operatorId) === 'window') {
          const fired = windowResult(operatorId, element.value);
          if (fired) move.firedWindows.push(fired);
        }
      },
    };
  }

  private beginMove(task: TaskView, element: InFlightElement, channel?: ChannelView): Move {
    if (this.move)
      throw new Error(
        `step mode: ${task.tdd.taskName}#${task.tdd.subtaskIndex} moved a second element in one mailbox turn`,
      );
    this.move = channel ? { task, element, channel, firedWindows: [] } : { task, element, firedWindows: [] };
    return this.move;
  }

  private observeInputChannel(task: TaskView, key: string, element: StreamElement): void {
    const input = task.inputChannels.get(key);
    if (!input)
      throw new Error(`step mode: channel ${key} is not an input of ${task.tdd.taskName}#${task.tdd.subtaskIndex}`);
    if (element.kind === 'watermark')
      input.watermark = Math.max(input.watermark ?? -Infinity, eventTimeJson(element.timestamp));
    else if (element.kind === 'watermarkStatus') input.idle = element.idle;
  }

  private eventOf({ task, element, channel, firedWindows }: Move): StepEvent {
    this.steps++;
    const { tdd } = task;
    const { kind, ...content } = element;
    const event: StepEvent = { index: this.steps, kind, vertexId: tdd.vertexId, subtaskIndex: tdd.subtaskIndex };
    if (channel) {
      const { inFlight: _, ...id } = channel;
      event.channel = id;
    }
    Object.assign(event, content);
    if (firedWindows.length > 0) event.firedWindows = firedWindows;
    const watermark = this.currentWatermark(task, this.execution.taskMetrics(task.index).currentInputWatermark);
    if (watermark !== null && watermark !== task.reportedWatermark) {
      task.reportedWatermark = watermark;
      const operatorId = task.inputChannels.size > 0 ? tdd.operators[0]!.id : task.emittedWatermark!.operatorId;
      event.watermarkAdvanced = { operatorId, subtaskIndex: tdd.subtaskIndex, watermark };
    }
    return event;
  }

  /** A task with inputs reads its clock from its StatusWatermarkValve; a source task's clock is what it emitted. */
  private currentWatermark(task: TaskView, inputWatermark: number | null): number | null {
    const watermark = task.inputChannels.size > 0 ? inputWatermark : (task.emittedWatermark?.watermark ?? null);
    return watermark === null ? null : eventTimeJson(watermark);
  }

  private channel(key: string): ChannelView {
    const channel = this.channels.get(key);
    if (!channel) throw new Error(`step mode: no channel ${key} in this job`);
    return channel;
  }
}

/**
 * A window emits `{key, start, end, value}` per firing, a count or global window `{key, value}`, reported as the
 * global window [−∞, +∞) (design.md); anything else is not a window result.
 */
function windowResult(operatorId: string, value: unknown): FiredWindow | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const { key, value: result } = fields;
  if (Object.keys(fields).length === 2 && 'key' in fields && 'value' in fields) {
    const global = { start: GLOBAL_WINDOW.start, end: eventTimeJson(GLOBAL_WINDOW.end) };
    return { operatorId, key, ...global, value: structuredClone(result) };
  }
  const { start, end } = fields;
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  return { operatorId, key, start, end, value: structuredClone(result) };
}
