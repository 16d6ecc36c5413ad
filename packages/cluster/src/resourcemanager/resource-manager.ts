/**
 * The ResourceManager: starts TaskManager processes (as Flink's active ResourceManager does), takes their
 * registrations, owns the slot table, hands slots to JobMasters, and watches TaskManagers die, at once when
 * the process exits and by heartbeat timeout when it hangs. A lost TaskManager is replaced by a new process
 * (with a new id, as a new container would be), so a restarting job finds its slots again.
 */
import type { FromTaskManager, FromTaskManagerOf } from '../rpc/messages.js';
import type { RuntimeEvent, TaskManagerInfo, TaskManagerLossDetection, TaskManagerMetrics } from '@sluice/protocol';
import type { SharedSlotPlan, SubtaskRef } from '@sluice/planner';
import { HeartbeatManager } from '../heartbeat/heartbeat-manager.js';
import type { TimerService } from '../time/timer-service.js';
import { describeExit, TaskManagerProcess, type TaskManagerResources } from '../taskmanager/process.js';

export interface ResourceManagerOptions {
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
}

/** The signals the cluster sends a TaskManager on request: SIGKILL (a crash) and SIGSTOP (a hang, found by heartbeat). */
export type TaskManagerSignal = 'SIGKILL' | 'SIGSTOP';

/** Where one planned shared slot landed. */
export interface SlotPlacement {
  taskManagerId: string;
  slotIndex: number;
}

/** Messages a TaskManager sends about a job's tasks; the Dispatcher routes them to the job's JobMaster. */
export type JobMessage = Exclude<FromTaskManager, { type: 'register' | 'heartbeat' | 'taskManagerMetrics' }>;

interface Slot {
  index: number;
  jobId: string | null;
  subtasks: SubtaskRef[];
}

interface RegisteredTaskManager {
  process: TaskManagerProcess;
  dataPort: number;
  slots: Slot[];
  metrics: TaskManagerMetrics | null;
}

interface PendingSlotRequest {
  jobId: string;
  plans: SharedSlotPlan[];
  grant: (placements: SlotPlacement[]) => void;
}

type LostListener = (taskManagerId: string, detection: TaskManagerLossDetection, reason: string) => void;

const SHUTDOWN_GRACE_MS = 2000;

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export class ResourceManager {
  private readonly registered = new Map<string, RegisteredTaskManager>();
  private readonly starting = new Map<string, TaskManagerProcess>();
  private pendingRequests: PendingSlotRequest[] = [];
  private readonly lostListeners = new Set<LostListener>();
  private readonly heartbeats: HeartbeatManager;
  /** TaskManagers started so far: a new one (the first ones, or a replacement) is tm-<n + 1>. */
  private started = 0;
  private shuttingDown = false;

  constructor(
    options: ResourceManagerOptions,
    /** What every TaskManager process is started with, replacements included. */
    private readonly resources: TaskManagerResources,
    private readonly emit: (event: RuntimeEvent) => void,
    private readonly onJobMessage: (taskManagerId: string, message: JobMessage) => void,
    private readonly time: TimerService,
  ) {
    this.heartbeats = new HeartbeatManager(
      { intervalMs: options.heartbeatIntervalMs, timeoutMs: options.heartbeatTimeoutMs },
      (taskManagerId, silentMs) =>
        this.lose(
          taskManagerId,
          'heartbeat-timeout',
          `no heartbeat for ${silentMs} ms (timeout ${options.heartbeatTimeoutMs} ms)`,
        ),
      time,
    );
  }

  /** Starts a TaskManager process; resolves once it has registered, rejects if it dies before. */
  startTaskManager(): Promise<void> {
    const taskManagerId = `tm-${++this.started}`;
    return new Promise((resolve, reject) => {
      const taskManager: TaskManagerProcess = new TaskManagerProcess(taskManagerId, this.resources, (message) => {
        if (message.type === 'register') {
          this.register(taskManager, message);
          resolve();
        } else if (message.type === 'heartbeat') this.heartbeats.receiveHeartbeat(taskManagerId);
        else if (message.type === 'taskManagerMetrics') {
          const taskManager = this.registered.get(taskManagerId);
          if (!taskManager) return;
          taskManager.metrics = message.metrics;
          this.emit({
            type: 'taskmanager.metrics',
            taskManagerId,
            timestamp: this.time.now(),
            metrics: message.metrics,
          });
        } else this.onJobMessage(taskManagerId, message);
      });
      this.starting.set(taskManagerId, taskManager);
      void taskManager.exited.then((exit) => {
        this.starting.delete(taskManagerId);
        reject(new Error(`TaskManager ${taskManagerId} did not register: ${describeExit(exit)}`));
        this.lose(taskManagerId, 'process-exit', describeExit(exit));
      });
    });
  }

  onTaskManagerLost(listener: LostListener): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /**
   * Asks for one slot per planned shared slot. Resolves when they are all granted together (the slot table
   * never hands a job part of what it needs); until then the request waits for slots to be freed.
   */
  requestSlots(jobId: string, plans: SharedSlotPlan[]): Promise<SlotPlacement[]> {
    return new Promise((grant) => {
      this.pendingRequests.push({ jobId, plans, grant });
      this.grantPendingRequests();
    });
  }

  cancelSlotRequest(jobId: string): void {
    this.pendingRequests = this.pendingRequests.filter((request) => request.jobId !== jobId);
  }

  releaseSlots(jobId: string): void {
    for (const [taskManagerId, taskManager] of this.registered) {
      for (const slot of taskManager.slots) {
        if (slot.jobId === jobId) this.freeSlot(taskManagerId, slot);
      }
    }
    this.grantPendingRequests();
  }

  /** Why `slotsRequired` slots cannot be granted now, or undefined when they can. */
  shortage(slotsRequired: number): string | undefined {
    const taskManagers = [...this.registered.values()];
    const total = taskManagers.reduce((sum, tm) => sum + tm.slots.length, 0);
    const free = taskManagers.reduce((sum, tm) => sum + tm.slots.filter((slot) => slot.jobId === null).length, 0);
    const slotCounts = new Set(taskManagers.map((tm) => tm.slots.length));
    const [perTaskManager] = slotCounts;
    const shape =
      slotCounts.size === 1 && perTaskManager !== undefined
        ? `${count(taskManagers.length, 'TaskManager')} × ${count(perTaskManager, 'slot')}`
        : count(taskManagers.length, 'TaskManager');
    if (slotsRequired > total)
      return `job needs ${count(slotsRequired, 'slot')} but the cluster has ${total} (${shape})`;
    if (slotsRequired > free)
      return `job needs ${count(slotsRequired, 'slot')} but only ${free} of the cluster's ${total} are free (${shape})`;
    return undefined;
  }

  /**
   * Sends a registered TaskManager's process a real signal: SIGKILL is then detected by the process exit, SIGSTOP
   * by the heartbeat timeout. Returns the process id signalled, or undefined when no such TaskManager is registered.
   */
  signalTaskManager(taskManagerId: string, signal: TaskManagerSignal): number | undefined {
    const tm = this.registered.get(taskManagerId);
    if (!tm) return undefined;
    tm.process.kill(signal);
    return tm.process.pid;
  }

  /** The control-plane gateway of a registered TaskManager. */
  gateway(taskManagerId: string): TaskManagerProcess | undefined {
    return this.registered.get(taskManagerId)?.process;
  }

  dataPorts(): Record<string, number> {
    return Object.fromEntries([...this.registered].map(([id, tm]) => [id, tm.dataPort]));
  }

  taskManagers(): TaskManagerInfo[] {
    return [...this.registered].map(([taskManagerId, tm]) => ({
      taskManagerId,
      pid: tm.process.pid,
      dataPort: tm.dataPort,
      slots: tm.slots.map((slot) => ({
        index: slot.index,
        jobId: slot.jobId,
        subtasks: slot.subtasks.map((s) => ({ ...s })),
      })),
      lastHeartbeat: this.heartbeats.lastHeartbeat(taskManagerId) ?? 0,
      metrics: tm.metrics,
    }));
  }

  /** Stops every TaskManager process (killing those that do not exit in time) and waits for them all. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.heartbeats.stop();
    const processes = [...this.registered.values()].map((tm) => tm.process).concat([...this.starting.values()]);
    await Promise.all(processes.map((taskManager) => taskManager.stop(SHUTDOWN_GRACE_MS)));
    this.registered.clear();
  }

  private register(taskManager: TaskManagerProcess, message: FromTaskManagerOf<'register'>): void {
    this.starting.delete(message.taskManagerId);
    const slots = Array.from({ length: message.slots }, (_, index): Slot => ({ index, jobId: null, subtasks: [] }));
    this.registered.set(message.taskManagerId, {
      process: taskManager,
      dataPort: message.dataPort,
      slots,
      metrics: null,
    });
    this.heartbeats.monitorTarget(message.taskManagerId, () => taskManager.send({ type: 'heartbeatRequest' }));
    this.emit({
      type: 'taskmanager.registered',
      taskManagerId: message.taskManagerId,
      slots: message.slots,
      timestamp: this.time.now(),
    });
    this.grantPendingRequests();
  }

  /**
   * A TaskManager is gone: its slots leave the table, its process is killed (a hung one must not come back), the
   * JobMasters hear of it, and a replacement process is started.
   */
  private lose(taskManagerId: string, detection: TaskManagerLossDetection, reason: string): void {
    const tm = this.registered.get(taskManagerId);
    if (!tm || this.shuttingDown) return;
    for (const slot of tm.slots) if (slot.jobId !== null) this.freeSlot(taskManagerId, slot);
    this.registered.delete(taskManagerId);
    this.heartbeats.unmonitorTarget(taskManagerId);
    tm.process.kill();
    this.emit({ type: 'taskmanager.lost', taskManagerId, slots: tm.slots.length, timestamp: this.time.now(), reason });
    for (const listener of this.lostListeners) listener(taskManagerId, detection, reason);
    // One replacement per loss; a replacement that dies before registering is not retried (it would loop).
    this.startTaskManager().catch((error: unknown) =>
      console.error(
        `ResourceManager: replacement for ${taskManagerId} failed:`,
        error instanceof Error ? error.message : error,
      ),
    );
  }

  private grantPendingRequests(): void {
    // First come, first served: a large request is not starved by smaller ones behind it.
    while (this.pendingRequests.length > 0) {
      const request = this.pendingRequests[0]!;
      if (this.shortage(request.plans.length) !== undefined) return;
      this.pendingRequests.shift();
      request.grant(request.plans.map((plan) => this.allocate(request.jobId, plan)));
    }
  }

  /** Spreads a job's slots evenly: each goes to the TaskManager with the most free slots (Flink's evenly-spread-out-slots). */
  private allocate(jobId: string, plan: SharedSlotPlan): SlotPlacement {
    let best: { taskManagerId: string; free: Slot[] } | undefined;
    for (const [taskManagerId, tm] of this.registered) {
      const free = tm.slots.filter((slot) => slot.jobId === null);
      if (free.length > 0 && (!best || free.length > best.free.length)) best = { taskManagerId, free };
    }
    const slot = best?.free[0];
    if (!best || !slot) throw new Error('allocate called without a free slot');
    slot.jobId = jobId;
    slot.subtasks = plan.subtasks.map((s) => ({ ...s }));
    for (const subtask of slot.subtasks) {
      this.emit({
        type: 'slot.allocated',
        taskManagerId: best.taskManagerId,
        slotIndex: slot.index,
        jobId,
        ...subtask,
      });
    }
    return { taskManagerId: best.taskManagerId, slotIndex: slot.index };
  }

  private freeSlot(taskManagerId: string, slot: Slot): void {
    const jobId = slot.jobId;
    if (jobId === null) return;
    for (const subtask of slot.subtasks)
      this.emit({ type: 'slot.released', taskManagerId, slotIndex: slot.index, jobId, ...subtask });
    slot.jobId = null;
    slot.subtasks = [];
  }
}
