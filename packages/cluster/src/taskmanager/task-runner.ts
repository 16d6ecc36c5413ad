/**
 * The TaskManager main thread's handle on one running subtask: a worker thread of dist/task-worker.js
 * (Flink's Task, whose invokable runs on its own thread). It relays the worker's messages, and turns a
 * crash of the worker itself into a FAILED task with the error's stack.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import {
  NetworkBufferPool,
  releaseAbandonedReservation,
  type CheckpointOptions,
  type NetworkMessage,
  type TaskDeploymentDescriptor,
  type TaskExecutionState,
  type TaskFailure,
  type TaskMetrics,
} from '@sluice/engine';
import { TERMINAL_TASK_STATES } from '@sluice/protocol';
import type { TimerService } from '../time/timer-service.js';
import { heapFailure, stallLimitMs, timeoutFailure } from './confinement/task-limits.js';
import { allocateHeartbeat, StallWatchdog } from './confinement/stall-watchdog.js';
import type { ChannelEndpoint } from './network/channel-router.js';
import { failureOf, transferablesOf, type FromTaskWorker, type ToTaskWorker } from './worker/worker-protocol.js';

export interface TaskRunnerEvents {
  remote(targetTaskManagerId: string, message: NetworkMessage): void;
  state(state: TaskExecutionState, failure?: TaskFailure): void;
  sinkRecords(operatorId: string, values: unknown[]): void;
  print(line: string): void;
  metrics(metrics: TaskMetrics): void;
  checkpoint(
    message: Extract<FromTaskWorker, { type: 'acknowledgeCheckpoint' | 'declineCheckpoint' | 'awaitFinalCheckpoint' }>,
  ): void;
}

/** How long a canceled task may take to stop on its own before its thread is terminated. */
const CANCEL_GRACE_MS = 1000;

export class TaskRunner implements ChannelEndpoint {
  private state: TaskExecutionState = 'DEPLOYING';
  private stopping = false;
  private readonly watchdog: StallWatchdog;

  constructor(
    readonly tdd: TaskDeploymentDescriptor,
    taskManager: {
      taskManagerId: string;
      networkBufferPool: NetworkBufferPool;
      checkpointDirectory: string | undefined;
    },
    /** A task thread of the TaskManager's WorkerPool, started and loaded, not yet running a task. */
    private readonly worker: Worker,
    private readonly events: TaskRunnerEvents,
    time: TimerService,
  ) {
    const { taskManagerId, networkBufferPool, checkpointDirectory } = taskManager;
    // The pool's memory and the task's ledger are SharedArrayBuffers: posting shares them with the thread, no copy.
    const networkMemoryLedger = NetworkBufferPool.allocateMemory();
    const heartbeat = allocateHeartbeat();
    this.watchdog = new StallWatchdog(time, heartbeat, stallLimitMs(tdd), () => this.stop(timeoutFailure(tdd)));
    this.post({
      type: 'deploy',
      tdd,
      taskManagerId,
      networkMemory: networkBufferPool.memory,
      networkMemoryBytes: networkBufferPool.totalBytes,
      networkMemoryLedger,
      ...(checkpointDirectory !== undefined && { checkpointDirectory }),
      heartbeat,
    });
    this.worker.on('message', (message: FromTaskWorker) => this.onWorkerMessage(message));
    this.worker.on('error', (error: NodeJS.ErrnoException) =>
      // A thread past its heap limit is terminated by Node; the TaskManager runs on.
      this.transition('FAILED', error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? heapFailure(tdd) : failureOf(error)),
    );
    this.worker.on('exit', (code) => {
      // A task that ended releases its network memory itself (the ledger is then empty); a stopped thread cannot.
      releaseAbandonedReservation(networkBufferPool, networkMemoryLedger);
      if (!this.stopping) this.transition('FAILED', failureOf(new Error(`task thread exited with code ${code}`)));
    });
  }

  get isTerminal(): boolean {
    return TERMINAL_TASK_STATES.has(this.state);
  }

  deliver(message: NetworkMessage): void {
    this.post({ type: 'network', message }, transferablesOf(message));
  }

  attachLocalChannel(channel: string, port: MessagePort): void {
    this.post({ type: 'localChannel', channel, port }, [port]);
  }

  requestMetrics(): void {
    if (!this.isTerminal) this.post({ type: 'snapshotMetrics' });
  }

  triggerCheckpoint(options: CheckpointOptions): void {
    if (!this.isTerminal) this.post({ type: 'triggerCheckpoint', options });
  }

  notifyCheckpoint(checkpointId: number, outcome: 'complete' | 'aborted'): void {
    if (!this.isTerminal) this.post({ type: 'notifyCheckpoint', checkpointId, outcome });
  }

  /** Asks the task to cancel; if it has not stopped after a grace period, its thread is terminated. */
  cancel(): void {
    if (this.isTerminal) return;
    this.post({ type: 'cancel' });
    setTimeout(() => {
      if (this.isTerminal) return;
      this.transition('CANCELED');
      void this.terminate();
    }, CANCEL_GRACE_MS).unref();
  }

  terminate(): Promise<number> {
    this.stopping = true;
    this.watchdog.stop();
    return this.worker.terminate();
  }

  /** Fails the task and stops its thread, which may be stuck in a call that never returns. */
  private stop(failure: TaskFailure): void {
    this.transition('FAILED', failure);
    void this.terminate();
  }

  private post(message: ToTaskWorker, transfer: (ArrayBuffer | MessagePort)[] = []): void {
    if (!this.stopping) this.worker.postMessage(message, transfer);
  }

  private onWorkerMessage(message: FromTaskWorker): void {
    switch (message.type) {
      case 'remote':
        this.events.remote(message.targetTaskManagerId, message.message);
        break;
      case 'state':
        this.transition(message.state, message.failure);
        break;
      case 'sinkRecords':
        this.events.sinkRecords(message.operatorId, message.values);
        break;
      case 'print':
        this.events.print(message.line);
        break;
      case 'metrics':
        this.events.metrics(message.metrics);
        break;
      case 'acknowledgeCheckpoint':
      case 'declineCheckpoint':
      case 'awaitFinalCheckpoint':
        this.events.checkpoint(message);
        break;
    }
  }

  /** A terminal state is final: later reports (a crash while stopping) do not overwrite it. */
  private transition(state: TaskExecutionState, failure?: TaskFailure): void {
    if (this.isTerminal) return;
    this.state = state;
    if (this.isTerminal) this.watchdog.stop();
    this.events.state(state, failure);
  }
}
