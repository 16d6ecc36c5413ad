/**
 * The local cluster (Flink's MiniCluster, but with real processes): a ResourceManager that starts
 * TaskManager processes, and a JobMaster per submitted job. It plays the Dispatcher's part inside the
 * cluster: it validates and plans submitted JobGraphs and routes TaskManager reports to their JobMaster.
 */
import { randomBytes } from 'node:crypto';
import { validateJobGraph, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { Problem, RuntimeEvent, TaskManagerInfo } from '@sluice/protocol';
import { JobMaster, type JobMasterHandle } from './jobmaster/job-master.js';
import { loadSavepointFor } from './jobmaster/checkpointing/restore.js';
import { ResourceManager, type TaskManagerSignal } from './resourcemanager/resource-manager.js';
import { EndedJobs } from './jobstore/ended-jobs.js';
import { systemTimerService, type TimerService } from './time/timer-service.js';

export interface LocalClusterOptions {
  /** Number of TaskManager processes; default 2. */
  taskManagers?: number;
  /** Slots each TaskManager offers; default 2. */
  slotsPerTaskManager?: number;
  /**
   * How often the ResourceManager asks each TaskManager for a heartbeat; default 1000 ms. Flink's heartbeat.interval
   * is 10 s; a local cluster's TaskManagers are a pipe away, and a hung one should show in seconds, in the UI and in tests.
   */
  heartbeatIntervalMs?: number;
  /** A TaskManager silent for this long is considered lost; default 5000 ms (Flink's heartbeat.timeout: 50 s; see above). */
  heartbeatTimeoutMs?: number;
  /** How long a job waits for its slots (WAITING_FOR_RESOURCES) before it fails; default 5000 ms. */
  slotRequestTimeoutMs?: number;
  /** Each TaskManager's network memory, shared by its tasks' buffers; default 64 MiB (Flink's taskmanager.memory.network.min). */
  networkMemoryBytesPerTaskManager?: number;
  /** Tests only: a directory where every TaskManager writes each network message crossing its TCP side. */
  networkTraceDirectory?: string;
  /** jobstore.expiration-time: an ended job is forgotten this long after it ended; default 1 h, as Flink. */
  jobStoreExpirationMs?: number;
  /** jobstore.max-capacity: at most this many ended jobs are kept, the earliest ended forgotten first; default 100. */
  jobStoreMaxCapacity?: number;
  /** The clock and timers of the ResourceManager, the JobMasters and the job store; default the system's. */
  time?: TimerService;
  /**
   * A listener of every RuntimeEvent from the very start, the first TaskManagers' registrations included, which a
   * listener added with onEvent() once start() resolved has missed.
   */
  onEvent?: (event: RuntimeEvent) => void;
}

const DEFAULT_NETWORK_MEMORY_BYTES = 64 * 1024 * 1024;
const TERMINAL_JOB_STATUSES = new Set(['FINISHED', 'FAILED', 'CANCELED']);

export class JobGraphInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid JobGraph: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'JobGraphInvalidError';
  }
}

export class LocalCluster {
  private readonly listeners = new Set<(event: RuntimeEvent) => void>();
  private readonly jobs = new Map<string, JobMaster>();
  private readonly resourceManager: ResourceManager;
  private readonly endedJobs: EndedJobs;
  private shutdownPromise: Promise<void> | undefined;

  private constructor(
    private readonly options: Required<Omit<LocalClusterOptions, 'networkTraceDirectory' | 'onEvent'>> &
      Pick<LocalClusterOptions, 'networkTraceDirectory'>,
  ) {
    const resources = {
      slots: options.slotsPerTaskManager,
      networkMemoryBytes: options.networkMemoryBytesPerTaskManager,
      networkTraceDirectory: options.networkTraceDirectory,
    };
    this.resourceManager = new ResourceManager(
      options,
      resources,
      (event) => this.emit(event),
      (taskManagerId, message) => {
        this.jobs.get(message.jobId)?.onTaskManagerMessage(taskManagerId, message);
      },
      options.time,
    );
    this.endedJobs = new EndedJobs(
      { expirationMs: options.jobStoreExpirationMs, maxCapacity: options.jobStoreMaxCapacity },
      options.time,
      (jobId) => this.jobs.delete(jobId),
    );
    this.resourceManager.onTaskManagerLost((taskManagerId, detection, reason) => {
      for (const job of this.jobs.values()) job.onTaskManagerLost(taskManagerId, detection, reason);
    });
  }

  /** Starts the TaskManager processes; resolves once all of them have registered with the ResourceManager. */
  static async start(options: LocalClusterOptions = {}): Promise<LocalCluster> {
    const cluster = new LocalCluster({
      taskManagers: options.taskManagers ?? 2,
      slotsPerTaskManager: options.slotsPerTaskManager ?? 2,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 5000,
      slotRequestTimeoutMs: options.slotRequestTimeoutMs ?? 5000,
      networkMemoryBytesPerTaskManager: options.networkMemoryBytesPerTaskManager ?? DEFAULT_NETWORK_MEMORY_BYTES,
      networkTraceDirectory: options.networkTraceDirectory,
      jobStoreExpirationMs: options.jobStoreExpirationMs ?? 60 * 60 * 1000,
      jobStoreMaxCapacity: options.jobStoreMaxCapacity ?? 100,
      time: options.time ?? systemTimerService,
    });
    if (options.onEvent) cluster.onEvent(options.onEvent);
    try {
      await Promise.all(
        Array.from({ length: cluster.options.taskManagers }, () => cluster.resourceManager.startTaskManager()),
      );
    } catch (error) {
      await cluster.shutdown();
      throw error;
    }
    return cluster;
  }

  /** Every RuntimeEvent, as it happens; returns the unsubscribe function. */
  onEvent(listener: (event: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Validates, plans and starts a job; throws JobGraphInvalidError naming every problem, and SavepointRestoreError
   * when `savepointPath` cannot be read or does not fit the job (§7 Savepoints).
   */
  submitJob(jobGraph: JobGraph, options: { savepointPath?: string } = {}): JobMasterHandle {
    if (this.shutdownPromise) throw new Error('the cluster is shutting down');
    const validation = validateJobGraph(jobGraph);
    if (!validation.ok) throw new JobGraphInvalidError(validation.problems);
    const graph = planExecutionGraph(validation.jobGraph);
    const { savepointPath } = options;
    const savepoint =
      savepointPath === undefined ? undefined : { path: savepointPath, loaded: loadSavepointFor(savepointPath, graph) };
    const jobId = randomBytes(16).toString('hex');
    const services = {
      resourceManager: this.resourceManager,
      emit: (event: RuntimeEvent) => this.emit(event),
      slotRequestTimeoutMs: this.options.slotRequestTimeoutMs,
      time: this.options.time,
    };
    const job = new JobMaster(jobId, validation.jobGraph, graph, services, savepoint);
    this.jobs.set(jobId, job);
    job.start();
    return job;
  }

  getJob(jobId: string): JobMasterHandle | undefined {
    return this.jobs.get(jobId);
  }

  listJobs(): JobMasterHandle[] {
    return [...this.jobs.values()];
  }

  async cancelJob(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    await job.cancel();
  }

  taskManagers(): TaskManagerInfo[] {
    return this.resourceManager.taskManagers();
  }

  /**
   * Failure injection for the UI, the CLI and tests: a real SIGKILL (a crash, noticed at once by the process exit) or
   * SIGSTOP (a hang, noticed by heartbeat timeout) to a TaskManager process. Returns the pid signalled, or undefined
   * when no such TaskManager is registered.
   */
  signalTaskManager(taskManagerId: string, signal: TaskManagerSignal): number | undefined {
    return this.resourceManager.signalTaskManager(taskManagerId, signal);
  }

  /** Cancels the running jobs, stops every TaskManager process and waits until all have exited. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.endedJobs.close();
      await Promise.all([...this.jobs.values()].map((job) => job.cancel()));
      await this.resourceManager.shutdown();
    })();
    return this.shutdownPromise;
  }

  private emit(event: RuntimeEvent): void {
    if (event.type === 'job.status' && TERMINAL_JOB_STATUSES.has(event.status)) this.endedJobs.ended(event.jobId);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A faulty listener must not break the job whose transition it observes.
        console.error('LocalCluster event listener failed:', error);
      }
    }
  }
}
