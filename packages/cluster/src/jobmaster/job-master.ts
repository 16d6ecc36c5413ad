/**
 * A JobMaster per job: requests the slots its ExecutionGraph plans, deploys every subtask to the
 * TaskManager holding its slot, tracks task and job states, collects sink output and metrics, and
 * decides what a failure means. Without a restart strategy (it arrives with checkpointing) a task
 * failure fails the job; `handleTaskFailure` is where a strategy will choose a restart instead.
 */
import {
  assignRestoredState,
  buildTaskDeploymentDescriptors,
  type TaskDeploymentDescriptor,
  type TaskExecutionState,
  type TaskLocation,
  type TaskMetrics,
} from '@sluice/engine';
import type { JobGraph } from '@sluice/model';
import type { ExecutionGraph } from '@sluice/planner';
import {
  TERMINAL_JOB_STATUSES,
  TERMINAL_TASK_STATES,
  type CheckpointingStatistics,
  type JobExceptionsInfo,
  type JobDetails,
  type JobFailure,
  type JobOverview,
  type JobStatus,
  type JobVertexBackPressure,
  type RuntimeEvent,
  type TaskManagerLossDetection,
  type TaskState,
} from '@sluice/protocol';
import type { JobMessage, ResourceManager, SlotPlacement } from '../resourcemanager/resource-manager.js';
import { vertexBackPressure } from './backpressure.js';
import { locator, subtaskKey, subtaskLocations } from './deployment.js';
import { jobMetricsEvent } from './metrics.js';
import { CheckpointCoordinator } from './checkpointing/checkpoint-coordinator.js';
import { CollectedSinks } from './collected-sinks.js';
import type { LoadedCheckpoint } from './checkpointing/checkpoint-storage.js';
import { restoreLatest } from './checkpointing/restore.js';
import {
  restartBackoffTimeStrategyFor,
  type RestartBackoffTimeStrategy,
} from './failover/restart-backoff-time-strategy.js';
import { sleep, type TimerService } from '../time/timer-service.js';
import { CheckpointException } from './checkpointing/checkpoint-exception.js';
import {
  noResourceAvailable,
  reportedTaskFailure,
  taskManagerLost,
  type SubtaskFailure,
} from './failover/job-failures.js';

/** web.exception-history-size: Flink keeps the 16 latest failures. */
const MAX_EXCEPTION_HISTORY = 16;

export interface JobMasterHandle {
  readonly jobId: string;
  overview(): JobOverview;
  details(): JobDetails;
  whenTerminal(): Promise<JobDetails>;
  /** The vertex's backpressure from its subtasks' latest metrics; undefined when the job has no such vertex. */
  backPressure(vertexId: string): JobVertexBackPressure | undefined;
  checkpointStatistics(): CheckpointingStatistics;
  exceptions(): JobExceptionsInfo;
  /** Resolves with the savepoint's folder; rejects saying why (job not RUNNING, a task declined, expired). */
  triggerSavepoint(options: { targetDirectory?: string; cancelJob?: boolean }): Promise<string>;
  /** A savepoint, then the job ends FINISHED. */
  stopWithSavepoint(options: { targetDirectory?: string }): Promise<string>;
}

export interface JobMasterServices {
  resourceManager: ResourceManager;
  emit(event: RuntimeEvent): void;
  slotRequestTimeoutMs: number;
  /** The clock and timers of the JobMaster and its CheckpointCoordinator and restart strategy. */
  time: TimerService;
}

/** One subtask's current execution (Flink's Execution). */
interface Execution {
  vertexId: string;
  subtaskIndex: number;
  state: TaskState;
  location: TaskLocation | null;
  metrics: TaskMetrics | null;
  /** The JobMaster asked the task to cancel: whatever it reports next only completes the cancellation. */
  cancelRequested: boolean;
}

/** How long the JobMaster waits for canceled tasks to confirm before it releases their slots anyway. */
const CANCEL_TIMEOUT_MS = 3000;

export class JobMaster implements JobMasterHandle {
  private status: JobStatus = 'CREATED';
  private readonly startTime: number;
  private endTime: number | null = null;
  private failure: JobFailure | null = null;
  private readonly executions = new Map<string, Execution>();
  private readonly sinks: CollectedSinks;
  private readonly terminal: Promise<JobDetails>;
  private resolveTerminal: (details: JobDetails) => void = () => undefined;
  private stopping: Promise<void> | undefined;
  private cancelSlotRequestTimeout: (() => void) | undefined;
  /** Called whenever a task reaches a terminal state, while the job waits for its tasks to stop. */
  private onTaskSettled: (() => void) | undefined;
  /** When the latest metrics report arrived. */
  private metricsTimestamp = 0;
  /** The current execution attempt: 0 for the first run, n after the n-th restart; reports of older attempts are stale. */
  private attemptNumber = 0;
  private restarting = false;
  private readonly coordinator: CheckpointCoordinator;
  /** Vertices without input gates: the tasks a checkpoint is triggered on. */
  private readonly sourceVertices: Set<string>;
  private readonly restartStrategy: RestartBackoffTimeStrategy;
  private readonly exceptionHistory: JobExceptionsInfo['entries'] = [];
  /** Entries dropped from the history beyond its size, oldest first (a restart loop must not grow it forever). */
  private droppedExceptions = 0;
  private restarts = 0;

  constructor(
    readonly jobId: string,
    private readonly jobGraph: JobGraph,
    private readonly graph: ExecutionGraph,
    private readonly services: JobMasterServices,
    /** The savepoint the job was submitted from, already checked against the job (loadSavepointFor). */
    private readonly savepoint?: { path: string; loaded: LoadedCheckpoint },
  ) {
    const config = jobGraph.config ?? {};
    this.startTime = services.time.now();
    this.restartStrategy = restartBackoffTimeStrategyFor(config, () => services.time.now());
    this.coordinator = new CheckpointCoordinator(
      config,
      {
        jobId,
        vertices: graph.vertices.map((v) => ({
          vertexId: v.id,
          parallelism: v.parallelism,
          maxParallelism: v.maxParallelism,
          operatorIds: [...v.operators],
        })),
        emit: (event) => services.emit(event),
        subtasks: () =>
          [...this.executions.values()].map((e) => ({
            vertexId: e.vertexId,
            subtaskIndex: e.subtaskIndex,
            state: e.state,
            isSource: this.sourceVertices.has(e.vertexId),
          })),
        trigger: (vertexId, subtaskIndex, options) => {
          const location = this.execution(vertexId, subtaskIndex).location;
          const gateway = location && services.resourceManager.gateway(location.taskManagerId);
          gateway?.send({
            type: 'triggerCheckpoint',
            jobId,
            vertexId,
            subtaskIndex,
            attemptNumber: this.attemptNumber,
            options,
          });
        },
        notify: (checkpointId, outcome) => {
          if (outcome === 'complete')
            this.sinks.completed(
              checkpointId,
              this.finishedSubtasks(),
              this.coordinator.restoreCandidates().map((c) => c.checkpointId),
            );
          for (const taskManagerId of this.taskManagersOfJob())
            services.resourceManager
              .gateway(taskManagerId)
              ?.send({ type: 'notifyCheckpoint', jobId, attemptNumber: this.attemptNumber, checkpointId, outcome });
        },
      },
      this.restartStrategy.description,
      services.time,
    );
    this.sourceVertices = new Set(
      graph.vertices.filter((v) => !graph.edges.some((e) => e.target === v.id)).map((v) => v.id),
    );
    this.terminal = new Promise((resolve) => (this.resolveTerminal = resolve));
    for (const vertex of graph.vertices) {
      for (let subtaskIndex = 0; subtaskIndex < vertex.parallelism; subtaskIndex++) {
        this.executions.set(subtaskKey(vertex.id, subtaskIndex), {
          vertexId: vertex.id,
          subtaskIndex,
          state: 'SCHEDULED',
          location: null,
          metrics: null,
          cancelRequested: false,
        });
      }
    }
    const collectSinks = new Set(jobGraph.operators.flatMap((o) => (o.kind === 'sink.collect' ? [o.id] : [])));
    this.sinks = new CollectedSinks(
      new Map(graph.vertices.map((v) => [v.id, v.operators.filter((id) => collectSinks.has(id))])),
    );
  }

  start(): void {
    this.transition('CREATED');
    // A deployment that throws (a descriptor the IPC channel cannot carry, a TaskManager gone mid-send) fails this
    // job with its cause; left unhandled it would end the Dispatcher's process and every other job with it.
    this.allocateAndDeploy().catch((error: unknown) => {
      const message = `deploying the job failed: ${error instanceof Error ? error.message : String(error)}`;
      void this.stop('FAILED', {
        cause: { kind: 'task-exception' },
        message,
        stack: error instanceof Error && error.stack !== undefined ? error.stack : message,
      });
    });
  }

  cancel(): Promise<void> {
    return this.stop('CANCELED');
  }

  overview(): JobOverview {
    return {
      jobId: this.jobId,
      name: this.jobGraph.name,
      status: this.status,
      startTime: this.startTime,
      endTime: this.endTime,
    };
  }

  details(): JobDetails {
    return {
      ...this.overview(),
      jobGraph: this.jobGraph,
      executionGraph: this.graph,
      subtasks: [...this.executions.values()].map((execution) => ({
        vertexId: execution.vertexId,
        subtaskIndex: execution.subtaskIndex,
        state: execution.state,
        taskManagerId: execution.location?.taskManagerId ?? null,
        slotIndex: execution.location?.slotIndex ?? null,
        recordsIn: execution.metrics?.recordsIn ?? 0,
        recordsOut: execution.metrics?.recordsOut ?? 0,
      })),
      failure: this.failure && { ...this.failure },
      sinks: this.sinks.values(),
      sinksTruncated: this.sinks.truncated(),
    };
  }

  whenTerminal(): Promise<JobDetails> {
    return this.terminal;
  }

  backPressure(vertexId: string): JobVertexBackPressure | undefined {
    const vertex = this.graph.vertices.find((v) => v.id === vertexId);
    if (!vertex) return undefined;
    const reported = [...this.executions.values()].flatMap((e) =>
      e.vertexId === vertexId && e.metrics ? [e.metrics] : [],
    );
    return vertexBackPressure(vertex.parallelism, reported, this.metricsTimestamp);
  }

  checkpointStatistics(): CheckpointingStatistics {
    return this.coordinator.statistics();
  }

  exceptions(): JobExceptionsInfo {
    return {
      restarts: this.restarts,
      entries: this.exceptionHistory.map((entry) => ({ ...entry })),
      droppedEntries: this.droppedExceptions,
    };
  }

  async triggerSavepoint(options: { targetDirectory?: string; cancelJob?: boolean }): Promise<string> {
    if (this.status !== 'RUNNING')
      throw new CheckpointException(
        'NOT_ALL_REQUIRED_TASKS_RUNNING',
        `cannot take a savepoint: job ${this.jobId} is ${this.status}, not RUNNING`,
      );
    const folder = await this.coordinator.trigger(true, options.targetDirectory);
    if (options.cancelJob) await this.cancel();
    return folder;
  }

  /**
   * Flink's stop-with-savepoint: the savepoint completes (sinks commit what it covers), then the tasks are stopped
   * and the job ends FINISHED; a later run resumes from the savepoint.
   */
  async stopWithSavepoint(options: { targetDirectory?: string }): Promise<string> {
    const folder = await this.triggerSavepoint(options);
    // What the collect sinks received after the savepoint's barrier comes again from a job resumed from it.
    this.sinks.rewindTo(this.coordinator.statistics().history.find((c) => c.path === folder)?.id ?? null);
    await this.stop('FINISHED');
    return folder;
  }

  get isTerminal(): boolean {
    return TERMINAL_JOB_STATUSES.has(this.status);
  }

  /** What a TaskManager reports about this job's tasks. */
  onTaskManagerMessage(taskManagerId: string, message: JobMessage): void {
    if (this.isTerminal) return;
    // What a failed attempt's tasks still had in flight does not count for the current one.
    if ('attemptNumber' in message && message.attemptNumber !== this.attemptNumber) return;
    switch (message.type) {
      case 'acknowledgeCheckpoint':
        this.sinks.acknowledged(message.checkpointId, message.vertexId, message.subtaskIndex);
        this.coordinator.onAcknowledge(message);
        break;
      case 'declineCheckpoint':
        this.coordinator.onDecline(message.vertexId, message.subtaskIndex, message.checkpointId, message.reason);
        break;
      case 'awaitFinalCheckpoint':
        this.coordinator.onSourceEnded(message.vertexId, message.subtaskIndex);
        break;
      case 'taskState':
        this.onTaskState(
          taskManagerId,
          message.vertexId,
          message.subtaskIndex,
          message.state,
          message.state === 'FAILED' ? reportedTaskFailure(message.failure) : undefined,
        );
        break;
      case 'sinkRecords': {
        // A stopping job's output is final: what its tasks still send is past its end (or its savepoint).
        if (this.stopping) break;
        const kept = this.sinks.append(message.operatorId, message.subtaskIndex, message.values);
        if (kept.length > 0)
          this.services.emit({ type: 'sink.records', jobId: this.jobId, operatorId: message.operatorId, values: kept });
        break;
      }
      case 'print':
        this.services.emit({
          type: 'sink.print',
          jobId: this.jobId,
          operatorId: message.operatorId,
          line: message.line,
        });
        break;
      case 'metrics':
        for (const metrics of message.tasks) {
          const execution = this.executions.get(subtaskKey(metrics.vertexId, metrics.subtaskIndex));
          if (execution) execution.metrics = metrics;
        }
        this.metricsTimestamp = this.services.time.now();
        this.services.emit(jobMetricsEvent(this.jobId, this.graph, this.latestMetrics(), this.services.time.now()));
        break;
    }
  }

  /** A TaskManager died: every task it ran that had not ended fails with the reason. */
  onTaskManagerLost(taskManagerId: string, detection: TaskManagerLossDetection, reason: string): void {
    if (this.isTerminal) return;
    for (const execution of this.executions.values()) {
      if (execution.location?.taskManagerId !== taskManagerId || TERMINAL_TASK_STATES.has(execution.state)) continue;
      const failure = taskManagerLost(taskManagerId, detection, reason);
      this.onTaskState(taskManagerId, execution.vertexId, execution.subtaskIndex, 'FAILED', failure);
    }
  }

  private async allocateAndDeploy(): Promise<void> {
    const { resourceManager, slotRequestTimeoutMs } = this.services;
    const shortage = resourceManager.shortage(this.graph.slots.length);
    if (shortage !== undefined) {
      this.transition('WAITING_FOR_RESOURCES', shortage);
      this.cancelSlotRequestTimeout = this.services.time.schedule(slotRequestTimeoutMs, () => {
        const reason = resourceManager.shortage(this.graph.slots.length) ?? shortage;
        void this.stop('FAILED', noResourceAvailable(slotRequestTimeoutMs, reason));
      });
    }
    const placements = await resourceManager.requestSlots(this.jobId, this.graph.slots);
    this.cancelSlotRequestTimeout?.();
    if (this.stopping || this.isTerminal) {
      resourceManager.releaseSlots(this.jobId);
      return;
    }
    this.deploy(placements);
  }

  private deploy(placements: SlotPlacement[]): void {
    const { resourceManager } = this.services;
    const attemptNumber = this.attemptNumber;
    const locations = subtaskLocations(this.graph, placements);
    const built = buildTaskDeploymentDescriptors({
      jobId: this.jobId,
      graph: this.graph,
      jobConfig: this.jobGraph.config ?? {},
      attemptNumber,
      locate: locator(locations),
    });
    const descriptors = this.restoredDescriptors(built);
    const dataPorts = resourceManager.dataPorts();
    const checkpointDirectory = this.coordinator.storageDir;
    this.transition('RUNNING');
    for (const tdd of descriptors) {
      const execution = this.execution(tdd.vertexId, tdd.subtaskIndex);
      execution.location = tdd.location;
      const gateway = resourceManager.gateway(tdd.location.taskManagerId);
      this.onTaskState(tdd.location.taskManagerId, tdd.vertexId, tdd.subtaskIndex, 'DEPLOYING');
      if (gateway) gateway.send({ type: 'deployTask', tdd, dataPorts, checkpointDirectory });
      else
        this.onTaskManagerLost(
          tdd.location.taskManagerId,
          'unregistered',
          'it left the cluster before the task was deployed',
        );
    }
    this.coordinator.startPeriodic();
  }

  /**
   * The first attempt starts from the savepoint it was submitted with, if any; a restart from the latest completed
   * checkpoint that reads back whole (§7 Recovery), a corrupt one skipped for the one before, none: the beginning.
   */
  private restoredDescriptors(tdds: TaskDeploymentDescriptor[]): TaskDeploymentDescriptor[] {
    if (this.attemptNumber === 0) {
      if (!this.savepoint) return tdds;
      const { path, loaded } = this.savepoint;
      this.coordinator.restoredFrom(path, loaded.metadata);
      return assignRestoredState(tdds, loaded.metadata.checkpointId, loaded.subtasks);
    }
    const attempt = restoreLatest(tdds, this.coordinator.restoreCandidates(), (candidate, reason) => {
      console.error(`JobMaster ${this.jobId}: ${reason}; falling back to the previous checkpoint`);
      this.coordinator.discard(candidate);
      this.recordException(
        { cause: { kind: 'corrupt-checkpoint', checkpointId: candidate.checkpointId }, message: reason, stack: '' },
        false,
        null,
      );
    });
    if (attempt.restored) this.coordinator.restoredFrom(attempt.restored.folder, attempt.restored.metadata);
    this.sinks.rewindTo(attempt.restored?.metadata.checkpointId ?? null);
    return attempt.tdds;
  }

  private onTaskState(
    taskManagerId: string | undefined,
    vertexId: string,
    subtaskIndex: number,
    reported: TaskExecutionState,
    failure?: SubtaskFailure,
  ): void {
    const execution = this.execution(vertexId, subtaskIndex);
    // The JobMaster marks a task DEPLOYING when it sends it; the TaskManager's own DEPLOYING report adds nothing.
    if (TERMINAL_TASK_STATES.has(execution.state) || execution.state === reported) return;
    // As Flink's Execution: a task failing while it is being canceled (its peers are gone) is canceled, not a new failure.
    const state = reported === 'FAILED' && execution.cancelRequested ? 'CANCELED' : reported;
    execution.state = state;
    const subtask = { jobId: this.jobId, vertexId, subtaskIndex };
    this.services.emit({
      type: 'task.state',
      ...subtask,
      state,
      ...(taskManagerId !== undefined && { taskManagerId }),
      timestamp: this.services.time.now(),
    });
    if (state === 'FAILED') {
      const reported = failure ?? reportedTaskFailure(undefined);
      const taskFailure: JobFailure = { ...reported, vertexId, subtaskIndex };
      this.services.emit({
        type: 'task.failed',
        ...subtask,
        cause: reported.cause,
        ...(reported.operatorId !== undefined && { operatorId: reported.operatorId }),
        error: reported.message,
        stack: reported.stack,
        timestamp: this.services.time.now(),
      });
      this.handleTaskFailure(taskFailure, taskManagerId);
    }
    if (state === 'RUNNING') this.coordinator.onTaskRunning();
    if (state === 'FINISHED') this.coordinator.onTaskFinished(vertexId, subtaskIndex);
    if (TERMINAL_TASK_STATES.has(state)) this.onTaskSettled?.();
    if (state === 'FINISHED' && [...this.executions.values()].every((e) => e.state === 'FINISHED')) this.finish();
  }

  /**
   * The restart strategy decides (§7 Restart strategies): restart every task of the job from the latest completed
   * checkpoint after the backoff, or fail the job.
   */
  private handleTaskFailure(failure: JobFailure, taskManagerId?: string): void {
    if (this.stopping || this.restarting) return;
    this.restartStrategy.notifyFailure();
    const willRestart = this.restartStrategy.canRestart();
    const restoreCheckpointId = this.coordinator.restoreCandidates()[0]?.checkpointId ?? null;
    this.recordException(failure, willRestart, restoreCheckpointId, taskManagerId);
    if (!willRestart) {
      void this.stop('FAILED', failure);
      return;
    }
    // A restart that breaks down fails the job with its cause, rather than leaving it RUNNING with nothing running.
    this.restart(failure).catch((error: unknown) => {
      const message = `restarting after "${failure.message}" failed: ${error instanceof Error ? error.message : String(error)}`;
      void this.stop('FAILED', {
        ...failure,
        cause: { kind: 'restart-failure' },
        message,
        stack: error instanceof Error && error.stack !== undefined ? error.stack : message,
      });
    });
  }

  private recordException(
    failure: JobFailure,
    willRestart: boolean,
    restoreCheckpointId: number | null,
    taskManagerId?: string,
  ): void {
    const backoffMs = willRestart ? this.restartStrategy.getBackoffTime() : undefined;
    const entry = {
      timestamp: this.services.time.now(),
      cause: failure.cause,
      message: failure.message,
      stack: failure.stack,
      vertexId: failure.vertexId ?? null,
      subtaskIndex: failure.subtaskIndex ?? null,
      taskManagerId: taskManagerId ?? null,
      attemptNumber: this.attemptNumber,
      willRestart,
      restoreCheckpointId: willRestart ? restoreCheckpointId : null,
    };
    this.exceptionHistory.unshift(entry);
    if (this.exceptionHistory.length > MAX_EXCEPTION_HISTORY) {
      this.exceptionHistory.pop();
      this.droppedExceptions++;
    }
    this.services.emit({
      type: 'job.exception',
      jobId: this.jobId,
      timestamp: entry.timestamp,
      cause: entry.cause,
      message: entry.message,
      stack: entry.stack,
      ...(failure.vertexId !== undefined && { vertexId: failure.vertexId }),
      ...(failure.subtaskIndex !== undefined && { subtaskIndex: failure.subtaskIndex }),
      ...(taskManagerId !== undefined && { taskManagerId }),
      attemptNumber: entry.attemptNumber,
      willRestart,
      ...(backoffMs !== undefined && { backoffMs, restoreCheckpointId }),
    });
  }

  /** Cancels the attempt's tasks, gives back its slots, waits the backoff and deploys the next attempt. */
  private async restart(failure: JobFailure): Promise<void> {
    const { resourceManager } = this.services;
    this.restarting = true;
    this.coordinator.stop('TASK_FAILURE', `task ${failure.vertexId}#${failure.subtaskIndex} failed`);
    this.transition('RESTARTING', failure.message);
    this.cancelTasks();
    await this.tasksSettled(CANCEL_TIMEOUT_MS);
    this.releaseResources();
    await sleep(this.services.time, this.restartStrategy.getBackoffTime());
    if (this.stopping || this.isTerminal) return;
    this.attemptNumber++;
    this.restarts++;
    for (const execution of this.executions.values())
      Object.assign(execution, { state: 'SCHEDULED', location: null, metrics: null, cancelRequested: false });
    this.restarting = false;
    const placements = await resourceManager.requestSlots(this.jobId, this.graph.slots);
    if (this.stopping || this.isTerminal) {
      resourceManager.releaseSlots(this.jobId);
      return;
    }
    this.deploy(placements);
  }

  private cancelTasks(): void {
    const { resourceManager } = this.services;
    for (const execution of this.executions.values()) {
      if (TERMINAL_TASK_STATES.has(execution.state) || !execution.location) continue;
      // A task on a lost TaskManager cannot be asked to cancel; its loss reports it FAILED, as Flink does.
      const gateway = resourceManager.gateway(execution.location.taskManagerId);
      if (!gateway) continue;
      execution.cancelRequested = true;
      gateway.send({
        type: 'cancelTask',
        jobId: this.jobId,
        vertexId: execution.vertexId,
        subtaskIndex: execution.subtaskIndex,
      });
    }
  }

  private finish(): void {
    this.coordinator.stop('CHECKPOINT_COORDINATOR_SHUTDOWN', 'the job finished');
    this.releaseResources();
    this.transition('FINISHED');
  }

  /** Cancels the running tasks, waits for them (bounded), releases the slots and ends the job in `status`. */
  private stop(status: 'FAILED' | 'CANCELED' | 'FINISHED', failure?: JobFailure): Promise<void> {
    if (this.isTerminal) return Promise.resolve();
    if (this.stopping) return this.stopping;
    const { resourceManager } = this.services;
    this.stopping = (async () => {
      if (failure) this.failure = failure;
      this.cancelSlotRequestTimeout?.();
      this.coordinator.stop(
        'CHECKPOINT_COORDINATOR_SHUTDOWN',
        `the job is ${status === 'FINISHED' ? 'stopping' : status === 'CANCELED' ? 'canceled' : 'failing'}`,
      );
      resourceManager.cancelSlotRequest(this.jobId);
      if (status === 'CANCELED') this.transition('CANCELING');
      this.cancelTasks();
      await this.tasksSettled(CANCEL_TIMEOUT_MS);
      for (const execution of this.executions.values()) {
        if (TERMINAL_TASK_STATES.has(execution.state)) continue;
        this.onTaskState(execution.location?.taskManagerId, execution.vertexId, execution.subtaskIndex, 'CANCELED');
      }
      this.releaseResources();
      this.transition(status, failure?.message);
    })();
    return this.stopping;
  }

  /** Resolves once every deployed task has reached a terminal state, or after `timeoutMs`. */
  private tasksSettled(timeoutMs: number): Promise<void> {
    const settled = (): boolean =>
      [...this.executions.values()].every((e) => !e.location || TERMINAL_TASK_STATES.has(e.state));
    if (settled()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        cancelTimeout();
        this.onTaskSettled = undefined;
        resolve();
      };
      const cancelTimeout = this.services.time.schedule(timeoutMs, done);
      this.onTaskSettled = () => {
        if (settled()) done();
      };
    });
  }

  private finishedSubtasks(): { vertexId: string; subtaskIndex: number }[] {
    return [...this.executions.values()].filter((e) => e.state === 'FINISHED');
  }

  private taskManagersOfJob(): Set<string> {
    return new Set([...this.executions.values()].flatMap((e) => (e.location ? [e.location.taskManagerId] : [])));
  }

  private releaseResources(): void {
    const { resourceManager } = this.services;
    for (const taskManagerId of this.taskManagersOfJob())
      resourceManager.gateway(taskManagerId)?.send({ type: 'releaseJob', jobId: this.jobId });
    resourceManager.releaseSlots(this.jobId);
  }

  private transition(status: JobStatus, message?: string): void {
    this.status = status;
    if (this.isTerminal) this.endTime = this.services.time.now();
    const event: RuntimeEvent = { type: 'job.status', jobId: this.jobId, status, timestamp: this.services.time.now() };
    this.services.emit(message === undefined ? event : { ...event, message });
    if (this.isTerminal) this.resolveTerminal(this.details());
  }

  private latestMetrics(): TaskMetrics[] {
    return [...this.executions.values()].flatMap((e) => (e.metrics ? [e.metrics] : []));
  }

  private execution(vertexId: string, subtaskIndex: number): Execution {
    const execution = this.executions.get(subtaskKey(vertexId, subtaskIndex));
    if (!execution) throw new Error(`job ${this.jobId} has no subtask ${vertexId}#${subtaskIndex}`);
    return execution;
  }
}
