/**
 * The TaskManager (Flink's TaskExecutor): registers with the ResourceManager, answers heartbeats, deploys
 * each subtask it is given onto a worker thread, wires its channels (in memory to local tasks, over TCP to
 * other TaskManagers), polls task metrics, and reports states and sink output back over the control plane.
 */
import { NetworkBufferPool, type TaskDeploymentDescriptor, type TaskMetrics } from '@sluice/engine';
import type { FromTaskManager, ToTaskManager } from '../rpc/messages.js';
import { systemTimerService } from '../time/timer-service.js';
import { taskLimits } from './confinement/task-limits.js';
import { ChannelRouter } from './network/channel-router.js';
import { ConnectionManager } from './network/connection-manager.js';
import { NetworkTrace } from './network/network-trace.js';
import { taskChannels } from './task-channels.js';
import { TaskRunner } from './task-runner.js';
import { WorkerPool } from './worker/worker-pool.js';

const METRICS_POLL_MS = 500;

const taskKey = (jobId: string, vertexId: string, subtaskIndex: number): string =>
  `${jobId}/${vertexId}/${subtaskIndex}`;

/**
 * The network's name for one execution attempt of a job: channel keys repeat from attempt to attempt, so a buffer
 * or credit the failed attempt still had on the wire must not reach the restarted task at the same channel.
 */
const attemptNetworkId = (tdd: TaskDeploymentDescriptor): string => `${tdd.jobId}@${tdd.attemptNumber}`;
const jobIdOf = (networkId: string): string => networkId.slice(0, networkId.lastIndexOf('@'));

export interface TaskExecutorConfig {
  taskManagerId: string;
  slots: number;
  networkMemoryBytes: number;
  /** Tests only: trace every network message crossing the TCP side into this directory. */
  traceDirectory?: string;
}

export class TaskExecutor {
  private readonly taskManagerId: string;
  private readonly slots: number;
  /** Flink's NetworkBufferPool: this TaskManager's network memory, in shared memory every task thread sees. */
  private readonly networkBufferPool: NetworkBufferPool;
  private readonly trace: NetworkTrace | undefined;
  private readonly tasks = new Map<string, TaskRunner>();
  private readonly router = new ChannelRouter();
  private readonly connections: ConnectionManager;
  /** Data ports of other TaskManagers, learned from deployments. */
  private readonly dataPorts = new Map<string, number>();
  /** Metrics reported since the last poll, per job. */
  private readonly metricsByJob = new Map<string, TaskMetrics[]>();
  private readonly metricsTimer: NodeJS.Timeout;
  private readonly workers: WorkerPool;

  constructor(
    config: TaskExecutorConfig,
    private readonly toCluster: (message: FromTaskManager) => void,
  ) {
    const { taskManagerId, slots } = config;
    this.taskManagerId = taskManagerId;
    this.slots = slots;
    this.networkBufferPool = new NetworkBufferPool(NetworkBufferPool.allocateMemory(), config.networkMemoryBytes);
    this.trace =
      config.traceDirectory === undefined ? undefined : new NetworkTrace(config.traceDirectory, taskManagerId);
    this.connections = new ConnectionManager(taskManagerId, (frame) => {
      this.trace?.record('in', jobIdOf(frame.jobId), frame.message);
      this.router.deliverRemote(frame.jobId, frame.message);
    });
    this.metricsTimer = setInterval(() => this.pollMetrics(), METRICS_POLL_MS);
    this.workers = new WorkerPool(slots);
  }

  async start(): Promise<void> {
    const dataPort = await this.connections.listen();
    this.toCluster({
      type: 'register',
      taskManagerId: this.taskManagerId,
      pid: process.pid,
      dataPort,
      slots: this.slots,
    });
  }

  handle(message: ToTaskManager): void {
    switch (message.type) {
      case 'heartbeatRequest':
        this.toCluster({ type: 'heartbeat' });
        break;
      case 'deployTask':
        for (const [id, port] of Object.entries(message.dataPorts)) this.dataPorts.set(id, port);
        this.deploy(message.tdd, message.checkpointDirectory);
        break;
      case 'triggerCheckpoint': {
        const task = this.tasks.get(taskKey(message.jobId, message.vertexId, message.subtaskIndex));
        if (task?.tdd.attemptNumber === message.attemptNumber) task.triggerCheckpoint(message.options);
        break;
      }
      case 'notifyCheckpoint':
        for (const task of this.tasks.values()) {
          if (task.tdd.jobId === message.jobId && task.tdd.attemptNumber === message.attemptNumber)
            task.notifyCheckpoint(message.checkpointId, message.outcome);
        }
        break;
      case 'cancelTask':
        this.tasks.get(taskKey(message.jobId, message.vertexId, message.subtaskIndex))?.cancel();
        break;
      case 'releaseJob':
        this.releaseJob(message.jobId);
        break;
      case 'shutdown':
        void this.shutdown();
        break;
    }
  }

  async shutdown(): Promise<never> {
    clearInterval(this.metricsTimer);
    await Promise.all([...this.tasks.values()].map((task) => task.terminate()));
    await this.workers.close();
    this.connections.close();
    this.trace?.close();
    process.exit(0);
  }

  private deploy(tdd: TaskDeploymentDescriptor, checkpointDirectory: string | undefined): void {
    const { jobId, vertexId, subtaskIndex, attemptNumber } = tdd;
    const subtask = { jobId, vertexId, subtaskIndex, attemptNumber };
    const networkId = attemptNetworkId(tdd);
    const printOperator = tdd.operators.find((operator) => operator.kind === 'sink.print')?.id ?? vertexId;
    const task = new TaskRunner(
      tdd,
      { taskManagerId: this.taskManagerId, networkBufferPool: this.networkBufferPool, checkpointDirectory },
      this.workers.take(taskLimits(tdd).heapSizeMb),
      {
        remote: (target, networkMessage) => {
          const port = this.dataPorts.get(target);
          if (port === undefined) throw new Error(`no data port known for TaskManager ${target}`);
          this.trace?.record('out', jobId, networkMessage);
          this.connections.send(target, port, { kind: 'data', jobId: networkId, message: networkMessage });
        },
        state: (state, failure) => {
          // A task's last figures reach the JobMaster before its terminal state does.
          if (task.isTerminal) this.flushMetrics(jobId);
          this.toCluster(
            failure ? { type: 'taskState', ...subtask, state, failure } : { type: 'taskState', ...subtask, state },
          );
        },
        sinkRecords: (operatorId, values) => this.toCluster({ type: 'sinkRecords', ...subtask, operatorId, values }),
        print: (line) => this.toCluster({ type: 'print', jobId, attemptNumber, operatorId: printOperator, line }),
        metrics: (metrics) => {
          const reported = (this.metricsByJob.get(jobId) ?? []).filter(
            (m) => m.vertexId !== vertexId || m.subtaskIndex !== subtaskIndex,
          );
          this.metricsByJob.set(jobId, [...reported, metrics]);
        },
        checkpoint: (report) => this.toCluster({ ...subtask, ...report }),
      },
      systemTimerService,
    );
    this.tasks.set(taskKey(jobId, vertexId, subtaskIndex), task);
    const channels = taskChannels(tdd).map(({ channel, side, peerTaskManagerId }) => ({
      channel,
      side,
      peerIsLocal: peerTaskManagerId === this.taskManagerId,
    }));
    this.router.register(networkId, task, channels);
  }

  /** Sends the figures gathered since the last poll, then asks every live task for fresh ones. */
  private pollMetrics(): void {
    const { rss, heapUsed } = process.memoryUsage();
    const bufferPool = this.networkBufferPool.figures();
    this.toCluster({ type: 'taskManagerMetrics', metrics: { bufferPool, rssBytes: rss, heapUsedBytes: heapUsed } });
    for (const jobId of [...this.metricsByJob.keys()]) this.flushMetrics(jobId);
    for (const task of this.tasks.values()) task.requestMetrics();
  }

  private flushMetrics(jobId: string): void {
    const tasks = this.metricsByJob.get(jobId);
    if (tasks) this.toCluster({ type: 'metrics', jobId, tasks });
    this.metricsByJob.delete(jobId);
  }

  /** Every attempt of the job deployed here so far: the JobMaster releases a job on restart as well as at its end. */
  private releaseJob(jobId: string): void {
    for (const [key, task] of this.tasks) {
      if (task.tdd.jobId !== jobId) continue;
      void task.terminate();
      this.tasks.delete(key);
      this.router.releaseJob(attemptNetworkId(task.tdd));
    }
    this.metricsByJob.delete(jobId);
    this.workers.refill();
  }
}
