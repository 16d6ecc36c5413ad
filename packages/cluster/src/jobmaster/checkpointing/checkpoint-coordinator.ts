/**
 * Flink's CheckpointCoordinator for one job (§7 Checkpoints): triggers checkpoint n on the running source tasks
 * every intervalMs (one at a time, minPauseMs after the previous one ended), collects one acknowledgement per
 * subtask that has not finished, and completes the checkpoint by writing its _metadata, last, then tells every
 * task (notifyCheckpointComplete: the exactly-once file sink commits). A decline or the timeout fails it and the
 * tasks hear it aborted. It keeps the newest retainedCheckpoints completed checkpoints on disk, savepoints never
 * deleted, and answers which checkpoint a restart restores from.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointOptions } from '@sluice/engine';
import type { JobConfig } from '@sluice/model';
import type {
  CheckpointConfigInfo,
  CheckpointFailureReason,
  CheckpointingStatistics,
  CheckpointStats,
  RuntimeEvent,
  TaskState,
} from '@sluice/protocol';
import { removeFolder, writeCheckpoint, type CheckpointMetadata } from './checkpoint-storage.js';
import { checkpointFolder } from './storage-layout.js';
import { CheckpointException } from './checkpoint-exception.js';
import { scheduleAtFixedRate, systemTimerService, type TimerService } from '../../time/timer-service.js';

/** Flink's execution.checkpointing.timeout default: 10 minutes. */
const DEFAULT_TIMEOUT_MS = 600_000;
const DEFAULT_RETAINED = 3;
const HISTORY_SIZE = 100;
const STARTING_TASK_STATES: ReadonlySet<TaskState> = new Set(['SCHEDULED', 'DEPLOYING', 'INITIALIZING']);

/** The job's checkpoint storage directory: the configured one, else one per job under the system temp dir. */
export const checkpointStorageDir = (config: JobConfig, jobId: string): string =>
  config.checkpointing?.storageDir ?? join(tmpdir(), 'sluice-checkpoints', jobId);

export interface CheckpointedVertex {
  vertexId: string;
  parallelism: number;
  maxParallelism: number;
  operatorIds: string[];
}

/** What the coordinator needs of the JobMaster: the current attempt's subtasks and a way to reach them. */
export interface CheckpointCoordinatorContext {
  readonly jobId: string;
  readonly vertices: readonly CheckpointedVertex[];
  emit(event: RuntimeEvent): void;
  subtasks(): { vertexId: string; subtaskIndex: number; state: TaskState; isSource: boolean }[];
  trigger(vertexId: string, subtaskIndex: number, options: CheckpointOptions): void;
  notify(checkpointId: number, outcome: 'complete' | 'aborted'): void;
}

export interface SubtaskAcknowledgement {
  vertexId: string;
  subtaskIndex: number;
  checkpointId: number;
  file: string;
  stateSizeBytes: number;
  crc: string;
  alignmentDurationMs: number;
}

/** A completed checkpoint or savepoint, as a restore finds it. */
export interface CompletedCheckpoint {
  checkpointId: number;
  savepoint: boolean;
  folder: string;
}

interface StateFile {
  path: string;
  sizeBytes: number;
  crc: string;
}

interface PendingCheckpoint {
  options: CheckpointOptions;
  targetFolder: string;
  waitingFor: Set<string>;
  acknowledged: Map<string, SubtaskAcknowledgement & { ackTimestamp: number }>;
  /** Subtasks that had finished at the trigger: their last state goes into this checkpoint as it is. */
  finished: string[];
  stats: CheckpointStats;
  cancelTimeout(): void;
  resolve(folder: string): void;
  reject(error: Error): void;
}

const key = (vertexId: string, subtaskIndex: number): string => `${vertexId}#${subtaskIndex}`;

export class CheckpointCoordinator {
  readonly storageDir: string;
  private readonly config: CheckpointConfigInfo | null;
  private nextCheckpointId = 1;
  private pending: PendingCheckpoint | undefined;
  /** Savepoints asked for while a checkpoint was pending or a task was still starting: they start when that is over. */
  private readonly queued: { start(): void; reject(error: Error): void }[] = [];
  /** When the latest checkpoint ended; none has yet at first, so minPauseMs holds nothing back. */
  private lastEnd = Number.NEGATIVE_INFINITY;
  private cancelPeriodic: (() => void) | undefined;
  private readonly history: CheckpointStats[] = [];
  private readonly counts = { inProgress: 0, completed: 0, failed: 0, restored: 0 };
  private latestRestored: CheckpointingStatistics['latestRestored'] = null;
  /** Retained completed checkpoints (not savepoints), oldest first; plus the savepoint the job was submitted from. */
  private readonly completed: CompletedCheckpoint[] = [];
  /** Each subtask's state file in the newest completed checkpoint: a finished task's state is carried forward. */
  private lastStateFiles = new Map<string, StateFile>();
  /** The attempt's source subtasks that reached their end and wait for their final checkpoint. */
  private readonly endedSources = new Set<string>();
  /** Once every running source has ended: the first checkpoint id whose barriers follow every end. */
  private finalCheckpointFrom: number | undefined;
  private finalCheckpointCompleted = false;

  constructor(
    jobConfig: JobConfig,
    private readonly context: CheckpointCoordinatorContext,
    restartStrategy: string,
    private readonly time: TimerService = systemTimerService,
  ) {
    this.storageDir = checkpointStorageDir(jobConfig, context.jobId);
    const checkpointing = jobConfig.checkpointing;
    this.config = checkpointing
      ? {
          mode: checkpointing.mode,
          intervalMs: checkpointing.intervalMs,
          timeoutMs: checkpointing.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          minPauseMs: checkpointing.minPauseMs ?? 0,
          maxConcurrentCheckpoints: 1,
          unaligned: checkpointing.unaligned ?? false,
          storageDir: this.storageDir,
          retainedCheckpoints: checkpointing.retainedCheckpoints ?? DEFAULT_RETAINED,
          restartStrategy,
        }
      : null;
  }

  /** The attempt's tasks are deployed: periodic checkpoints start (they trigger only once every task runs). */
  startPeriodic(): void {
    const config = this.config;
    if (!config || this.cancelPeriodic) return;
    this.cancelPeriodic = scheduleAtFixedRate(this.time, config.intervalMs, () => this.periodicTrigger(config));
  }

  /**
   * The attempt ends: no new checkpoints; a pending or queued one fails with `reason` (TASK_FAILURE at a failover,
   * CHECKPOINT_COORDINATOR_SHUTDOWN at the job's end) and `message`.
   */
  stop(reason: CheckpointFailureReason, message: string): void {
    this.cancelPeriodic?.();
    this.cancelPeriodic = undefined;
    this.endedSources.clear();
    this.finalCheckpointFrom = undefined;
    this.finalCheckpointCompleted = false;
    // The queued savepoints go first: failing the pending checkpoint would start the next one on a stopping attempt.
    for (const request of this.queued.splice(0))
      request.reject(new CheckpointException(reason, `savepoint not taken: ${message}`));
    if (this.pending) this.fail(this.pending, reason, message, false);
  }

  /**
   * Triggers a checkpoint now (a savepoint when `savepoint`); resolves with its folder once completed, rejects with
   * the reason it failed. A savepoint asked for while a checkpoint is pending starts when that one ends.
   */
  trigger(savepoint: boolean, targetDirectory?: string): Promise<string> {
    const subtasks = this.context.subtasks();
    // The job turns RUNNING as its tasks are deployed: a savepoint asked for in between waits for them to run.
    if (this.pending || subtasks.some((s) => STARTING_TASK_STATES.has(s.state))) {
      return new Promise((resolve, reject) =>
        this.queued.push({ start: () => void this.trigger(savepoint, targetDirectory).then(resolve, reject), reject }),
      );
    }
    const notRunning = subtasks.find((s) => s.state !== 'RUNNING' && s.state !== 'FINISHED');
    if (notRunning)
      return Promise.reject(
        new CheckpointException(
          'NOT_ALL_REQUIRED_TASKS_RUNNING',
          `cannot take a ${savepoint ? 'savepoint' : 'checkpoint'}: task ${key(notRunning.vertexId, notRunning.subtaskIndex)} is ${notRunning.state}, not RUNNING`,
        ),
      );
    const running = subtasks.filter((s) => s.state === 'RUNNING');
    const sources = running.filter((s) => s.isSource);
    if (sources.length === 0)
      return Promise.reject(
        new CheckpointException(
          'NOT_ALL_REQUIRED_TASKS_RUNNING',
          `cannot take a ${savepoint ? 'savepoint' : 'checkpoint'}: no source task is running any more`,
        ),
      );

    const checkpointId = this.nextCheckpointId++;
    const options: CheckpointOptions = {
      checkpointId,
      timestamp: this.time.now(),
      // Savepoints are always aligned and exactly-once (§7 Savepoints).
      mode: savepoint ? 'EXACTLY_ONCE' : (this.config?.mode ?? 'EXACTLY_ONCE'),
      unaligned: !savepoint && (this.config?.unaligned ?? false),
      savepoint,
    };
    const targetFolder = savepoint
      ? (targetDirectory ?? join(this.storageDir, `savepoint-${checkpointId}`))
      : checkpointFolder(this.storageDir, checkpointId);
    const stats: CheckpointStats = {
      id: checkpointId,
      status: 'IN_PROGRESS',
      savepoint,
      triggerTimestamp: options.timestamp,
      endTimestamp: null,
      durationMs: null,
      stateSizeBytes: 0,
      subtasksTotal: running.length,
      subtasksAcknowledged: 0,
      path: null,
      failureReason: null,
      failureMessage: null,
      subtasks: running.map((s) => ({
        vertexId: s.vertexId,
        subtaskIndex: s.subtaskIndex,
        acknowledged: false,
        ackTimestamp: null,
        alignmentDurationMs: null,
        stateSizeBytes: null,
      })),
    };
    this.history.unshift(stats);
    this.history.splice(HISTORY_SIZE);
    this.counts.inProgress++;
    return new Promise((resolve, reject) => {
      const timeoutMs = this.config?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const pending: PendingCheckpoint = {
        options,
        targetFolder,
        waitingFor: new Set(running.map((s) => key(s.vertexId, s.subtaskIndex))),
        acknowledged: new Map(),
        finished: subtasks.filter((s) => s.state === 'FINISHED').map((s) => key(s.vertexId, s.subtaskIndex)),
        stats,
        cancelTimeout: this.time.schedule(timeoutMs, () =>
          this.fail(pending, 'CHECKPOINT_EXPIRED', `expired after ${timeoutMs} ms`, true),
        ),
        resolve,
        reject,
      };
      this.pending = pending;
      this.context.emit({
        type: 'checkpoint.triggered',
        jobId: this.context.jobId,
        checkpointId,
        timestamp: options.timestamp,
        savepoint,
        subtasksTotal: running.length,
      });
      for (const source of sources) this.context.trigger(source.vertexId, source.subtaskIndex, options);
    });
  }

  onAcknowledge(ack: SubtaskAcknowledgement): void {
    const pending = this.pending;
    const subtask = key(ack.vertexId, ack.subtaskIndex);
    if (pending?.options.checkpointId !== ack.checkpointId || !pending.waitingFor.delete(subtask)) return;
    pending.acknowledged.set(subtask, { ...ack, ackTimestamp: this.time.now() });
    this.recordAcknowledgement(pending, ack);
  }

  /** Counts a subtask's part of the pending checkpoint as acknowledged, and completes it once none is missing. */
  private recordAcknowledgement(
    pending: PendingCheckpoint,
    ack: Pick<
      SubtaskAcknowledgement,
      'vertexId' | 'subtaskIndex' | 'checkpointId' | 'alignmentDurationMs' | 'stateSizeBytes'
    >,
  ): void {
    const ackTimestamp = this.time.now();
    const row = pending.stats.subtasks.find((s) => s.vertexId === ack.vertexId && s.subtaskIndex === ack.subtaskIndex);
    if (row)
      Object.assign(row, {
        acknowledged: true,
        ackTimestamp,
        alignmentDurationMs: ack.alignmentDurationMs,
        stateSizeBytes: ack.stateSizeBytes,
      });
    pending.stats.subtasksAcknowledged++;
    pending.stats.stateSizeBytes += ack.stateSizeBytes;
    this.context.emit({
      type: 'checkpoint.acknowledged',
      jobId: this.context.jobId,
      vertexId: ack.vertexId,
      subtaskIndex: ack.subtaskIndex,
      checkpointId: ack.checkpointId,
      timestamp: ackTimestamp,
      alignmentDurationMs: ack.alignmentDurationMs,
      stateSizeBytes: ack.stateSizeBytes,
    });
    if (pending.waitingFor.size === 0) this.complete(pending);
  }

  /**
   * A bounded source reached its end (FLIP-147). Once every running source has, the final checkpoint is triggered
   * at once rather than at the next interval, so a bounded job does not idle up to intervalMs before it finishes.
   */
  onSourceEnded(vertexId: string, subtaskIndex: number): void {
    this.endedSources.add(key(vertexId, subtaskIndex));
    const unfinished = this.context.subtasks().filter((s) => s.isSource && s.state !== 'FINISHED');
    if (
      this.finalCheckpointFrom !== undefined ||
      !unfinished.every((s) => this.endedSources.has(key(s.vertexId, s.subtaskIndex)))
    )
      return;
    this.finalCheckpointFrom = this.nextCheckpointId;
    this.triggerFinalCheckpoint();
  }

  /** A subtask turned RUNNING: a savepoint or final checkpoint that waited for every task to run can start now. */
  onTaskRunning(): void {
    if (!this.pending && !this.context.subtasks().some((s) => STARTING_TASK_STATES.has(s.state))) this.startQueued();
    this.triggerFinalCheckpoint();
  }

  /**
   * A subtask finished. A task finishes only once a checkpoint taken after its end completed (FLIP-147), so the state
   * it left there is its last: a pending checkpoint it has not acknowledged (its trigger raced with its finishing and
   * never reached it) takes that state instead of waiting for an acknowledgement that cannot come.
   */
  onTaskFinished(vertexId: string, subtaskIndex: number): void {
    const pending = this.pending;
    const subtask = key(vertexId, subtaskIndex);
    if (!pending?.waitingFor.delete(subtask)) return;
    pending.finished.push(subtask);
    const stateSizeBytes = this.lastStateFiles.get(subtask)?.sizeBytes ?? 0;
    this.recordAcknowledgement(pending, {
      vertexId,
      subtaskIndex,
      checkpointId: pending.options.checkpointId,
      alignmentDurationMs: 0,
      stateSizeBytes,
    });
  }

  onDecline(vertexId: string, subtaskIndex: number, checkpointId: number, reason: string): void {
    const pending = this.pending;
    if (pending?.options.checkpointId !== checkpointId) return;
    this.fail(pending, 'CHECKPOINT_DECLINED', `declined by ${key(vertexId, subtaskIndex)}: ${reason}`, true);
  }

  /** Where a restart restores from, newest first: the retained checkpoints, then the savepoint the job started from. */
  restoreCandidates(): CompletedCheckpoint[] {
    return [...this.completed].reverse();
  }

  /** A candidate turned out unreadable: it is no longer offered (its folder stays, for inspection). */
  discard(checkpoint: CompletedCheckpoint): void {
    const index = this.completed.indexOf(checkpoint);
    if (index >= 0) this.completed.splice(index, 1);
  }

  /** The attempt about to be deployed starts from `metadata` (read from `folder`); ids go on after it. */
  restoredFrom(folder: string, metadata: CheckpointMetadata): void {
    this.nextCheckpointId = Math.max(this.nextCheckpointId, metadata.checkpointId + 1);
    this.counts.restored++;
    this.latestRestored = {
      id: metadata.checkpointId,
      path: folder,
      savepoint: metadata.savepoint,
      restoreTimestamp: this.time.now(),
    };
    this.lastStateFiles = new Map(
      metadata.subtasks.map((s) => [
        key(s.vertexId, s.subtaskIndex),
        { path: join(folder, s.file), sizeBytes: s.sizeBytes, crc: s.crc },
      ]),
    );
    // A savepoint the job was submitted from is the last resort of a restart until a checkpoint completes.
    if (metadata.savepoint && !this.completed.some((c) => c.folder === folder))
      this.completed.unshift({ checkpointId: metadata.checkpointId, savepoint: true, folder });
  }

  statistics(): CheckpointingStatistics {
    return {
      counts: { ...this.counts },
      latestRestored: this.latestRestored && { ...this.latestRestored },
      history: this.history.map((row) => ({ ...row, subtasks: row.subtasks.map((s) => ({ ...s })) })),
      config: this.config && { ...this.config },
    };
  }

  /**
   * Unless a checkpoint is pending (this runs again when it completes), a task is not running yet (again when it
   * is), or minPauseMs holds it back (the periodic trigger then takes over).
   */
  private triggerFinalCheckpoint(): void {
    if (
      !this.config ||
      !this.cancelPeriodic ||
      this.pending ||
      this.finalCheckpointFrom === undefined ||
      this.finalCheckpointCompleted
    )
      return;
    if (this.time.now() - this.lastEnd < this.config.minPauseMs) return;
    if (!this.context.subtasks().every((s) => s.state === 'RUNNING' || s.state === 'FINISHED')) return;
    this.trigger(false).catch(() => undefined);
  }

  private periodicTrigger(config: CheckpointConfigInfo): void {
    if (this.pending || this.time.now() - this.lastEnd < config.minPauseMs) return;
    const subtasks = this.context.subtasks();
    if (
      !subtasks.every((s) => s.state === 'RUNNING' || s.state === 'FINISHED') ||
      !subtasks.some((s) => s.isSource && s.state === 'RUNNING')
    )
      return;
    // A periodic checkpoint that fails is counted and reported; the job carries on.
    this.trigger(false).catch(() => undefined);
  }

  private complete(pending: PendingCheckpoint): void {
    const { checkpointId, savepoint, timestamp } = pending.options;
    let metadata: CheckpointMetadata;
    try {
      const files = [...pending.acknowledged.values()].map((a) => ({
        vertexId: a.vertexId,
        subtaskIndex: a.subtaskIndex,
        path: a.file,
        sizeBytes: a.stateSizeBytes,
        crc: a.crc,
      }));
      for (const subtask of pending.finished) {
        const last = this.lastStateFiles.get(subtask);
        if (!last) continue;
        const [vertexId, index] = subtask.split('#') as [string, string];
        files.push({ vertexId, subtaskIndex: Number(index), ...last });
      }
      metadata = writeCheckpoint(
        pending.targetFolder,
        {
          version: 1,
          jobId: this.context.jobId,
          checkpointId,
          savepoint,
          timestamp,
          vertices: [...this.context.vertices],
        },
        files,
      );
    } catch (error) {
      this.fail(
        pending,
        'IO_EXCEPTION',
        `writing ${pending.targetFolder} failed: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
      return;
    }
    // A savepoint's files were copied to its own folder; the chk-<n> folder the tasks wrote them to goes.
    if (savepoint) removeFolder(checkpointFolder(this.storageDir, checkpointId));
    this.settle(pending);
    const durationMs = this.time.now() - timestamp;
    Object.assign(pending.stats, {
      status: 'COMPLETED',
      endTimestamp: this.time.now(),
      durationMs,
      path: pending.targetFolder,
    });
    this.counts.completed++;
    this.lastStateFiles = new Map(
      metadata.subtasks.map((s) => [
        key(s.vertexId, s.subtaskIndex),
        { path: join(pending.targetFolder, s.file), sizeBytes: s.sizeBytes, crc: s.crc },
      ]),
    );
    if (!savepoint) this.retain({ checkpointId, savepoint, folder: pending.targetFolder });
    this.context.emit({
      type: 'checkpoint.completed',
      jobId: this.context.jobId,
      checkpointId,
      savepoint,
      timestamp: this.time.now(),
      durationMs,
      stateSizeBytes: pending.stats.stateSizeBytes,
      path: pending.targetFolder,
    });
    this.context.notify(checkpointId, 'complete');
    pending.resolve(pending.targetFolder);
    if (this.finalCheckpointFrom !== undefined && checkpointId >= this.finalCheckpointFrom)
      this.finalCheckpointCompleted = true;
    this.startQueued();
    this.triggerFinalCheckpoint();
  }

  /** Keeps the newest retainedCheckpoints checkpoints and deletes the folders of older ones. */
  private retain(checkpoint: CompletedCheckpoint): void {
    this.completed.push(checkpoint);
    const retained = this.config?.retainedCheckpoints ?? DEFAULT_RETAINED;
    const checkpoints = this.completed.filter((c) => !c.savepoint);
    for (const old of checkpoints.slice(0, Math.max(0, checkpoints.length - retained))) {
      this.completed.splice(this.completed.indexOf(old), 1);
      removeFolder(old.folder);
    }
  }

  private fail(
    pending: PendingCheckpoint,
    reason: CheckpointFailureReason,
    message: string,
    notifyTasks: boolean,
  ): void {
    const { checkpointId, savepoint } = pending.options;
    this.settle(pending);
    Object.assign(pending.stats, {
      status: 'FAILED',
      endTimestamp: this.time.now(),
      durationMs: this.time.now() - pending.options.timestamp,
      failureReason: reason,
      failureMessage: message,
    });
    this.counts.failed++;
    removeFolder(checkpointFolder(this.storageDir, checkpointId));
    this.context.emit({
      type: 'checkpoint.failed',
      jobId: this.context.jobId,
      checkpointId,
      savepoint,
      timestamp: this.time.now(),
      failureReason: reason,
      reason: message,
    });
    if (notifyTasks) this.context.notify(checkpointId, 'aborted');
    pending.reject(
      new CheckpointException(reason, `${savepoint ? 'savepoint' : 'checkpoint'} ${checkpointId} failed: ${message}`),
    );
    this.startQueued();
  }

  private settle(pending: PendingCheckpoint): void {
    pending.cancelTimeout();
    this.pending = undefined;
    this.lastEnd = this.time.now();
    this.counts.inProgress--;
  }

  private startQueued(): void {
    this.queued.shift()?.start();
  }
}
