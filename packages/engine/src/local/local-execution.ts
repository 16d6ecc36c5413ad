/**
 * Runs a whole job in this thread: every task of the job is a real StreamTask, every channel an in-memory
 * queue, and all of them share one DeterministicScheduler. Tests use it for exact outputs across
 * partitioners; the step mode builds on `step()`.
 *
 * Job-level reaction as the JobMaster's: the first task that fails cancels every other running task.
 */
import type { JobGraph } from '@sluice/model';
import type { ExecutionGraph } from '@sluice/planner';
import type { CheckpointOptions } from '../checkpoint/checkpoint-options.js';
import type { TaskFileSystem } from '../checkpoint/task-file-system.js';
import type { CheckpointedSubtask } from '../checkpoint/restored-state.js';
import type { NetworkMessage } from '../network/messages.js';
import { buildTaskDeploymentDescriptors } from '../task/deployment-descriptors.js';
import {
  inputChannelsOf,
  outputChannelsOf,
  type TaskDeploymentDescriptor,
  type TaskLocation,
} from '../task/deployment.js';
import {
  isTerminalTaskState,
  type CheckpointAcknowledgement,
  type TaskExecutionState,
  type TaskFailure,
  type TaskHost,
  type TaskMetrics,
} from '../task/host.js';
import type { StepObserver } from '../task/step-observer.js';
import { startStreamTask, type RunningTask } from '../task/stream-task.js';
import type { ChainedOperatorInspection } from '../operators/operator-chain.js';
import { DeterministicScheduler } from './deterministic-scheduler.js';
import { ManualProcessingTime } from './manual-processing-time.js';

export type LocalJobStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';

export interface LocalTaskOutcome {
  vertexId: string;
  subtaskIndex: number;
  /** Every state the task reported, in order. */
  states: TaskExecutionState[];
  failure?: TaskFailure;
  metrics: TaskMetrics;
}

export interface LocalRunResult {
  status: LocalJobStatus;
  /** Records of each sink.collect operator, in arrival order. */
  sinks: Record<string, unknown[]>;
  /** Lines of sink.print operators, in order. */
  printed: string[];
  tasks: LocalTaskOutcome[];
  /** The first task failure, which failed the job. */
  failure?: TaskFailure & { vertexId: string; subtaskIndex: number };
}

export interface LocalRunOptions {
  /** Seeds the interleaving of the tasks' mailboxes. */
  seed?: number;
  /** Step mode (src/step): each task runs one element per turn and reports to the observer made for it. */
  stepObserver?: (tdd: TaskDeploymentDescriptor) => StepObserver;
  /** Files for sink.file (a TaskManager gives node:fs; a test an in-memory one). */
  fileSystem?: TaskFileSystem;
  /**
   * Step mode: processing-time timers and windows read a clock that starts at 0 and moves only through
   * advanceProcessingTime, instead of the scheduler's virtual time (which jumps to the next timer when idle).
   */
  manualProcessingTime?: boolean;
}

/** One task as the step view draws it, at this moment. */
export interface LocalTaskInspection {
  tdd: TaskDeploymentDescriptor;
  state: TaskExecutionState;
  metrics: TaskMetrics;
  operators: ChainedOperatorInspection[];
}

/** A checkpoint every task acknowledged, as the in-process coordinator keeps it. */
export interface LocalCompletedCheckpoint {
  checkpointId: number;
  /** Per subtask, its acknowledgement (what restoring needs is `subtasks`). */
  acknowledgements: (CheckpointAcknowledgement & { vertexId: string; subtaskIndex: number })[];
  subtasks: CheckpointedSubtask[];
}

/** A JobGraph with its ExecutionGraph, or ready-made descriptors. */
export type LocalJob = TaskDeploymentDescriptor[] | { jobGraph: JobGraph; executionGraph: ExecutionGraph };

const LOCAL_TASK_MANAGER = 'local';
/** The mailbox of the in-process coordinator's periodic trigger. */
const CHECKPOINT_COORDINATOR = 'checkpoint-coordinator';

/** Every subtask on one local TaskManager, in the slot of the planner's shared-slot plan. */
const oneLocalTaskManager = (planSlot: number): TaskLocation => ({
  taskManagerId: LOCAL_TASK_MANAGER,
  slotIndex: planSlot,
});

/** Every subtask in the slot the planner's shared-slot plan gives it, that slot placed by `place`. */
export function localDeploymentDescriptors(
  jobGraph: JobGraph,
  executionGraph: ExecutionGraph,
  place: (planSlot: number) => TaskLocation = oneLocalTaskManager,
): TaskDeploymentDescriptor[] {
  const slotOf = new Map<string, number>();
  executionGraph.slots.forEach((slot, slotIndex) => {
    for (const subtask of slot.subtasks) slotOf.set(`${subtask.vertexId}/${subtask.subtaskIndex}`, slotIndex);
  });
  return buildTaskDeploymentDescriptors({
    jobId: 'local',
    graph: executionGraph,
    jobConfig: jobGraph.config ?? {},
    attemptNumber: 0,
    locate: (vertexId, subtaskIndex) => {
      const slotIndex = slotOf.get(`${vertexId}/${subtaskIndex}`);
      if (slotIndex === undefined) throw new Error(`subtask ${vertexId}#${subtaskIndex} has no slot in the plan`);
      return place(slotIndex);
    },
  });
}

interface LocalTask {
  id: string;
  tdd: TaskDeploymentDescriptor;
  states: TaskExecutionState[];
  failure?: TaskFailure;
  handler?: (message: NetworkMessage) => void;
  running?: RunningTask;
}

export class LocalExecution {
  private readonly scheduler: DeterministicScheduler;
  private readonly tasks: LocalTask[];
  /** Channel key → the task that consumes it (gets its buffers) and the task that produces it (gets its credit). */
  private readonly consumerOf = new Map<string, LocalTask>();
  private readonly producerOf = new Map<string, LocalTask>();
  private readonly sinks: Record<string, unknown[]> = {};
  private readonly printed: string[] = [];
  private jobFailure: LocalRunResult['failure'];
  private canceled = false;
  private readonly stepObserver: LocalRunOptions['stepObserver'];
  private readonly fileSystem: TaskFileSystem | undefined;
  private readonly operatorTime: ManualProcessingTime | undefined;
  /** The in-process CheckpointCoordinator's books: one checkpoint at a time, as the JobMaster's. */
  private nextCheckpointId: number;
  private pendingCheckpoint:
    | { options: CheckpointOptions; waitingFor: Set<LocalTask>; acks: LocalCompletedCheckpoint['acknowledgements'] }
    | undefined;
  readonly completedCheckpoints: LocalCompletedCheckpoint[] = [];
  readonly declinedCheckpoints: { checkpointId: number; vertexId: string; subtaskIndex: number; reason: string }[] = [];

  constructor(job: LocalJob, options: LocalRunOptions = {}) {
    const tdds = Array.isArray(job) ? job : localDeploymentDescriptors(job.jobGraph, job.executionGraph);
    this.scheduler = new DeterministicScheduler(options.seed ?? 0);
    this.stepObserver = options.stepObserver;
    this.fileSystem = options.fileSystem;
    if (options.manualProcessingTime)
      this.operatorTime = new ManualProcessingTime((owner, fn) => this.scheduler.post(owner, fn));
    this.tasks = tdds.map((tdd) => ({ id: `${tdd.vertexId}#${tdd.subtaskIndex}`, tdd, states: [] }));
    // Checkpoint ids go on from the restored one: an id is never reused after a restart.
    this.nextCheckpointId = Math.max(0, ...tdds.map((tdd) => tdd.restoredCheckpointId ?? 0)) + 1;
    for (const task of this.tasks) {
      for (const { key } of inputChannelsOf(task.tdd)) this.consumerOf.set(key, task);
      for (const { key } of outputChannelsOf(task.tdd)) this.producerOf.set(key, task);
      // Every collect sink has its list from the start, as on the cluster: one that receives nothing is empty, not absent.
      for (const { id, kind } of task.tdd.operators) if (kind === 'sink.collect') this.sinks[id] = [];
    }
  }

  /** Deploys every task (as the JobMaster does, all at once). */
  start(): void {
    for (const task of this.tasks) task.running = startStreamTask(task.tdd, this.hostFor(task));
    const checkpointing = this.tasks[0]?.tdd.jobConfig.checkpointing;
    if (checkpointing) this.schedulePeriodicCheckpoint(checkpointing.intervalMs);
  }

  /**
   * Triggers checkpoint n on every running source task, as the CheckpointCoordinator does; the trigger reaches each
   * task as a message in its mailbox. Returns n, or undefined while another checkpoint is pending.
   */
  triggerCheckpoint(savepoint = false): number | undefined {
    if (this.pendingCheckpoint || this.isTerminal()) return undefined;
    const config = this.tasks[0]?.tdd.jobConfig.checkpointing;
    const options: CheckpointOptions = {
      checkpointId: this.nextCheckpointId++,
      timestamp: this.scheduler.now(),
      mode: savepoint ? 'EXACTLY_ONCE' : (config?.mode ?? 'EXACTLY_ONCE'),
      unaligned: !savepoint && (config?.unaligned ?? false),
      savepoint,
    };
    // A FINISHED task has nothing left to snapshot (Flink leaves finished tasks out of later checkpoints).
    const running = this.tasks.filter((t) => t.states.at(-1) !== 'FINISHED');
    this.pendingCheckpoint = { options, waitingFor: new Set(running), acks: [] };
    for (const task of running) {
      if (task.tdd.inputGates.length === 0)
        this.scheduler.post(task.id, () => task.running?.triggerCheckpoint(options));
    }
    return options.checkpointId;
  }

  private schedulePeriodicCheckpoint(intervalMs: number): void {
    this.scheduler.timeServiceFor(CHECKPOINT_COORDINATOR).schedule(intervalMs, () => {
      if (this.isTerminal()) return;
      this.triggerCheckpoint();
      this.schedulePeriodicCheckpoint(intervalMs);
    });
  }

  private onAcknowledge(task: LocalTask, ack: CheckpointAcknowledgement): void {
    const pending = this.pendingCheckpoint;
    if (pending?.options.checkpointId !== ack.checkpointId) return;
    pending.waitingFor.delete(task);
    pending.acks.push({ ...ack, vertexId: task.tdd.vertexId, subtaskIndex: task.tdd.subtaskIndex });
    if (pending.waitingFor.size > 0) return;
    this.pendingCheckpoint = undefined;
    this.completedCheckpoints.push({
      checkpointId: ack.checkpointId,
      acknowledgements: pending.acks,
      subtasks: pending.acks.map((a) => ({
        vertexId: a.vertexId,
        subtaskIndex: a.subtaskIndex,
        maxParallelism: this.tasks.find((t) => t.tdd.vertexId === a.vertexId)!.tdd.maxParallelism,
        // What checkpoint storage would hold: a copy the running job cannot change.
        state: structuredClone(a.state),
      })),
    });
    for (const t of this.tasks) this.scheduler.post(t.id, () => t.running?.notifyCheckpointComplete(ack.checkpointId));
  }

  private onDecline(task: LocalTask, checkpointId: number, reason: string): void {
    this.declinedCheckpoints.push({
      checkpointId,
      vertexId: task.tdd.vertexId,
      subtaskIndex: task.tdd.subtaskIndex,
      reason,
    });
    if (this.pendingCheckpoint?.options.checkpointId !== checkpointId) return;
    this.pendingCheckpoint = undefined;
    for (const t of this.tasks) this.scheduler.post(t.id, () => t.running?.notifyCheckpointAborted(checkpointId));
  }

  /** Runs one piece of work of one task; false when the job can make no more progress. */
  step(): boolean {
    return this.scheduler.step();
  }

  /** Runs until no work is left; a job whose tasks are not all terminal by then is stuck, which is an error. */
  runToCompletion(maxSteps = 10_000_000): LocalRunResult {
    for (let steps = 0; this.step(); steps++) {
      if (steps >= maxSteps) throw new Error(`job still running after ${maxSteps} steps`);
    }
    const stuck = this.tasks.filter((t) => !isTerminalTaskState(t.states.at(-1) ?? 'DEPLOYING'));
    if (stuck.length > 0)
      throw new Error(`job is stuck: no work left but ${stuck.map((t) => `${t.id} is ${t.states.at(-1)}`).join(', ')}`);
    return this.result();
  }

  /** Cancels every task that is not terminal yet (Flink's job cancel). */
  cancel(): void {
    this.canceled = true;
    for (const task of this.tasks) task.running?.cancel();
  }

  /** Every task in deployment order, as it is now (after start()). */
  inspectTasks(): LocalTaskInspection[] {
    return this.tasks.map((_, index) => this.inspectTask(index));
  }

  /** The task at `index` of the descriptors the execution was made with. */
  inspectTask(index: number): LocalTaskInspection {
    const running = this.running(index);
    const task = this.tasks[index]!;
    return {
      tdd: task.tdd,
      state: task.states.at(-1) ?? 'DEPLOYING',
      metrics: running.snapshotMetrics(),
      operators: running.inspectOperators(),
    };
  }

  /** Only the metrics of one task: cheaper than inspectTask when the operators' timers and windows are not needed. */
  taskMetrics(index: number): TaskMetrics {
    return this.running(index).snapshotMetrics();
  }

  private running(index: number): RunningTask {
    const running = this.tasks[index]?.running;
    if (!running) throw new Error(`no started task at index ${index}`);
    return running;
  }

  /** The virtual processing time every task of the job reads. */
  now(): number {
    return this.scheduler.now();
  }

  /** The clock of processing-time timers and windows: the manual one in step mode, else the scheduler's. */
  processingTime(): number {
    return this.operatorTime?.now() ?? this.scheduler.now();
  }

  /** Step mode: moves the operators' processing time on; timers and windows that fall due fire in their tasks. */
  advanceProcessingTime(ms: number): void {
    if (!this.operatorTime) throw new Error('processing time advances by hand only in step mode');
    this.operatorTime.advance(ms);
  }

  /** True when no task can change any more: the job has ended. */
  isTerminal(): boolean {
    return this.tasks.every((t) => isTerminalTaskState(t.states.at(-1) ?? 'DEPLOYING'));
  }

  result(): LocalRunResult {
    const states = this.tasks.map((t) => t.states.at(-1));
    const status: LocalJobStatus = this.jobFailure
      ? 'FAILED'
      : this.canceled
        ? 'CANCELED'
        : states.every((s) => s === 'FINISHED')
          ? 'FINISHED'
          : 'RUNNING';
    const result: LocalRunResult = {
      status,
      sinks: this.sinks,
      printed: this.printed,
      tasks: this.tasks.map((t) => {
        const outcome: LocalTaskOutcome = {
          vertexId: t.tdd.vertexId,
          subtaskIndex: t.tdd.subtaskIndex,
          states: t.states,
          metrics: t.running!.snapshotMetrics(),
        };
        if (t.failure) outcome.failure = t.failure;
        return outcome;
      }),
    };
    if (this.jobFailure) result.failure = this.jobFailure;
    return result;
  }

  private hostFor(task: LocalTask): TaskHost {
    return {
      ...(this.stepObserver && { stepObserver: this.stepObserver(task.tdd) }),
      network: {
        send: (message) => this.route(message),
        onMessage: (handler) => {
          task.handler = handler;
        },
      },
      time: this.scheduler.timeServiceFor(task.id),
      ...(this.operatorTime && { operatorTime: this.operatorTime.serviceFor(task.id) }),
      reportState: (state, failure) => {
        task.states.push(state);
        if (state === 'FAILED' && failure) {
          task.failure = failure;
          if (!this.jobFailure) {
            this.jobFailure = { ...failure, vertexId: task.tdd.vertexId, subtaskIndex: task.tdd.subtaskIndex };
            // The job fails with its first failed task; the others are canceled once this report returns.
            this.scheduler.post(task.id, () => this.cancelOthers());
          }
        }
      },
      emitSinkRecords: (operatorId, values) => {
        (this.sinks[operatorId] ??= []).push(...values);
      },
      print: (line) => {
        this.printed.push(line);
      },
      checkpointResponder: {
        acknowledgeCheckpoint: (ack) => this.onAcknowledge(task, ack),
        declineCheckpoint: (checkpointId, reason) => this.onDecline(task, checkpointId, reason),
        // The next periodic checkpoint is the final one: in virtual time, waiting for it costs nothing.
        awaitFinalCheckpoint: () => undefined,
      },
      ...(this.fileSystem && { fileSystem: this.fileSystem }),
    };
  }

  private cancelOthers(): void {
    for (const task of this.tasks) task.running?.cancel();
  }

  private route(message: NetworkMessage): void {
    const target = (message.type === 'buffer' ? this.consumerOf : this.producerOf).get(message.channel);
    if (!target) throw new Error(`no task at the other end of channel ${message.channel}`);
    this.scheduler.post(target.id, () => target.handler?.(message));
  }
}

/** Runs a bounded job to its end in this thread and returns what its sinks received. */
export function runLocally(job: LocalJob, options: LocalRunOptions = {}): LocalRunResult {
  const execution = new LocalExecution(job, options);
  execution.start();
  return execution.runToCompletion();
}
