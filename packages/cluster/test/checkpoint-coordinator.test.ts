/**
 * The CheckpointCoordinator on its own (§7 Checkpoints: trigger and ack), driven through the seam the JobMaster
 * gives it: which subtasks run, triggers sent to sources, events and notifications recorded. State files are real
 * files in a temporary storage directory.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobConfig } from '@sluice/model';
import type { RuntimeEvent, TaskState } from '@sluice/protocol';
import {
  CheckpointCoordinator,
  type CheckpointCoordinatorContext,
} from '../src/jobmaster/checkpointing/checkpoint-coordinator.js';
import {
  checkpointFolder,
  METADATA_FILE,
  subtaskStateFileName,
} from '../src/jobmaster/checkpointing/storage-layout.js';
import { ManualTimerService } from '../src/time/manual-timer-service.js';

function twoSources(
  storageDir = mkdtempSync(join(tmpdir(), 'sluice-coordinator-')),
  checkpointing: Partial<NonNullable<JobConfig['checkpointing']>> = {},
) {
  const time = new ManualTimerService();
  const states = new Map<number, TaskState>([
    [0, 'RUNNING'],
    [1, 'RUNNING'],
  ]);
  const triggered: { subtaskIndex: number; checkpointId: number }[] = [];
  const notified: [number, string][] = [];
  const events: RuntimeEvent[] = [];
  const context: CheckpointCoordinatorContext = {
    jobId: 'job',
    vertices: [{ vertexId: 'src', parallelism: 2, maxParallelism: 128, operatorIds: ['src'] }],
    emit: (event) => events.push(event),
    subtasks: () =>
      [...states].map(([subtaskIndex, state]) => ({ vertexId: 'src', subtaskIndex, state, isSource: true })),
    trigger: (_vertexId, subtaskIndex, options) => triggered.push({ subtaskIndex, checkpointId: options.checkpointId }),
    notify: (checkpointId, outcome) => notified.push([checkpointId, outcome]),
  };
  const coordinator = new CheckpointCoordinator(
    { checkpointing: { intervalMs: 60_000, mode: 'EXACTLY_ONCE', storageDir, ...checkpointing } },
    context,
    'none',
    time,
  );
  /** What a task does on a barrier: writes its state file into chk-<n>, then acknowledges. */
  const acknowledge = (subtaskIndex: number, checkpointId: number, state: string) => {
    const folder = checkpointFolder(storageDir, checkpointId);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, subtaskStateFileName('src', subtaskIndex));
    writeFileSync(file, state);
    coordinator.onAcknowledge({
      vertexId: 'src',
      subtaskIndex,
      checkpointId,
      file,
      stateSizeBytes: state.length,
      crc: '00000000',
      alignmentDurationMs: 0,
    });
  };
  return { coordinator, states, triggered, notified, events, acknowledge, storageDir, time };
}

describe('CheckpointCoordinator', () => {
  it('a source that finishes before the trigger of the pending checkpoint reached it is not waited for: its last state goes in (FLIP-147)', async () => {
    const { coordinator, states, triggered, notified, events, acknowledge, storageDir } = twoSources();
    const first = coordinator.trigger(false);
    acknowledge(0, 1, 'src0 at 1');
    acknowledge(1, 1, 'src1 ended');
    expect(await first).toBe(checkpointFolder(storageDir, 1));

    // Checkpoint 2 goes out as checkpoint 1's completion lets src#1 finish: src#1 never sees its trigger.
    const second = coordinator.trigger(false);
    expect(triggered.filter((t) => t.checkpointId === 2).map((t) => t.subtaskIndex)).toEqual([0, 1]);
    states.set(1, 'FINISHED');
    coordinator.onTaskFinished('src', 1);
    acknowledge(0, 2, 'src0 at 2');
    expect(coordinator.statistics().history[0]).toMatchObject({ id: 2, status: 'COMPLETED' });
    const folder = await second;

    const metadata = JSON.parse(readFileSync(join(folder, METADATA_FILE), 'utf8')) as {
      subtasks: { subtaskIndex: number; file: string; sizeBytes: number }[];
    };
    const files = new Map(metadata.subtasks.map((s) => [s.subtaskIndex, readFileSync(join(folder, s.file), 'utf8')]));
    expect(files).toEqual(
      new Map([
        [0, 'src0 at 2'],
        [1, 'src1 ended'],
      ]),
    );
    expect(notified).toEqual([
      [1, 'complete'],
      [2, 'complete'],
    ]);
    const row = coordinator.statistics().history[0]!;
    expect(row).toMatchObject({
      id: 2,
      status: 'COMPLETED',
      subtasksTotal: 2,
      subtasksAcknowledged: 2,
      stateSizeBytes: 'src0 at 2'.length + 'src1 ended'.length,
    });
    expect(events.filter((e) => e.type === 'checkpoint.acknowledged' && e.checkpointId === 2)).toHaveLength(2);
  });

  it('a subtask that finishes after acknowledging the pending checkpoint counts once', async () => {
    const { coordinator, states, acknowledge } = twoSources();
    const first = coordinator.trigger(false);
    acknowledge(1, 1, 'src1 ended');
    states.set(1, 'FINISHED');
    coordinator.onTaskFinished('src', 1);
    expect(coordinator.statistics().history[0]).toMatchObject({ status: 'IN_PROGRESS', subtasksAcknowledged: 1 });
    acknowledge(0, 1, 'src0 at 1');
    expect(coordinator.statistics().history[0]).toMatchObject({ status: 'COMPLETED', subtasksAcknowledged: 2 });
    await first;
  });

  it("a failover that cannot delete the pending checkpoint's folder still fails it and stops: the job can restart", () => {
    // A task of the failing attempt may be writing into the folder as it is removed (ENOTEMPTY); a storage path
    // through a regular file makes the removal fail every time (ENOTDIR).
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'sluice-coordinator-')), 'file');
    writeFileSync(notADirectory, '');
    const { coordinator, events } = twoSources(notADirectory);
    const pending = coordinator.trigger(false);
    const failed = expect(pending).rejects.toThrow('checkpoint 1 failed: task src#0 failed');
    expect(() => coordinator.stop('TASK_FAILURE', 'task src#0 failed')).not.toThrow();
    expect(events.filter((e) => e.type === 'checkpoint.failed')).toEqual([
      expect.objectContaining({ checkpointId: 1, failureReason: 'TASK_FAILURE', reason: 'task src#0 failed' }),
    ]);
    expect(coordinator.statistics().history[0]).toMatchObject({
      id: 1,
      status: 'FAILED',
      failureReason: 'TASK_FAILURE',
      failureMessage: 'task src#0 failed',
    });
    return failed;
  });
});

describe('CheckpointCoordinator timing, on a manual clock', () => {
  it('a checkpoint not acknowledged within timeoutMs expires: failed, the tasks hear it aborted, the job carries on', async () => {
    const { coordinator, notified, events, acknowledge, time } = twoSources(undefined, { timeoutMs: 1000 });
    const pending = coordinator.trigger(false);
    const expired = expect(pending).rejects.toMatchObject({
      name: 'CheckpointException',
      reason: 'CHECKPOINT_EXPIRED',
      message: 'checkpoint 1 failed: expired after 1000 ms',
    });
    acknowledge(0, 1, 'src0 at 1');
    time.advance(999);
    expect(coordinator.statistics().history[0]).toMatchObject({ status: 'IN_PROGRESS', subtasksAcknowledged: 1 });
    time.advance(1);
    expect(coordinator.statistics().history[0]).toMatchObject({
      id: 1,
      status: 'FAILED',
      triggerTimestamp: 0,
      endTimestamp: 1000,
      durationMs: 1000,
      failureReason: 'CHECKPOINT_EXPIRED',
      failureMessage: 'expired after 1000 ms',
    });
    expect(notified).toEqual([[1, 'aborted']]);
    expect(events.filter((e) => e.type === 'checkpoint.failed')).toEqual([
      expect.objectContaining({
        checkpointId: 1,
        timestamp: 1000,
        failureReason: 'CHECKPOINT_EXPIRED',
        reason: 'expired after 1000 ms',
      }),
    ]);
    // A late acknowledgement of the expired checkpoint changes nothing; the next one starts afresh.
    acknowledge(1, 1, 'src1 at 1');
    expect(coordinator.statistics().counts).toEqual({ inProgress: 0, completed: 0, failed: 1, restored: 0 });
    await expired;
  });

  it('triggers every intervalMs once every task runs, never while one is pending, and minPauseMs after the last ended', () => {
    const { coordinator, states, triggered, acknowledge, time } = twoSources(undefined, {
      intervalMs: 100,
      minPauseMs: 150,
    });
    states.set(1, 'DEPLOYING');
    coordinator.startPeriodic();
    time.advance(100);
    expect(triggered).toEqual([]);
    states.set(1, 'RUNNING');
    time.advance(100);
    expect(triggered.map((t) => [t.checkpointId, time.now()])).toEqual([
      [1, 200],
      [1, 200],
    ]);
    // Still pending at 300: no second checkpoint.
    time.advance(100);
    acknowledge(0, 1, 'a');
    acknowledge(1, 1, 'b');
    expect(coordinator.statistics().history[0]).toMatchObject({ id: 1, status: 'COMPLETED', endTimestamp: 300 });
    // Ended at 300: the tick at 400 is within minPauseMs; the tick at 500 triggers.
    time.advance(100);
    expect(triggered).toHaveLength(2);
    time.advance(100);
    expect(triggered.filter((t) => t.checkpointId === 2)).toHaveLength(2);
    coordinator.stop('CHECKPOINT_COORDINATOR_SHUTDOWN', 'the job finished');
    expect(coordinator.statistics().history[0]).toMatchObject({
      id: 2,
      status: 'FAILED',
      failureReason: 'CHECKPOINT_COORDINATOR_SHUTDOWN',
    });
    expect(time.pendingTimers).toBe(0);
  });

  it('a decline fails the pending checkpoint as CHECKPOINT_DECLINED; a trigger while a task is not running is refused', async () => {
    const { coordinator, states, notified } = twoSources();
    const declined = coordinator.trigger(false);
    coordinator.onDecline('src', 1, 1, 'barrier of checkpoint 2 arrived before checkpoint 1 was aligned');
    await expect(declined).rejects.toMatchObject({
      reason: 'CHECKPOINT_DECLINED',
      message:
        'checkpoint 1 failed: declined by src#1: barrier of checkpoint 2 arrived before checkpoint 1 was aligned',
    });
    expect(notified).toEqual([[1, 'aborted']]);
    states.set(0, 'FAILED');
    await expect(coordinator.trigger(true)).rejects.toMatchObject({
      reason: 'NOT_ALL_REQUIRED_TASKS_RUNNING',
      message: 'cannot take a savepoint: task src#0 is FAILED, not RUNNING',
    });
  });

  it('a savepoint queued behind a pending checkpoint is refused when the job ends: CHECKPOINT_COORDINATOR_SHUTDOWN', async () => {
    const { coordinator, triggered } = twoSources();
    const checkpoint = coordinator.trigger(false);
    const savepoint = coordinator.trigger(true);
    expect(triggered.map((t) => t.checkpointId)).toEqual([1, 1]);
    const refused = Promise.all([
      expect(checkpoint).rejects.toMatchObject({
        reason: 'CHECKPOINT_COORDINATOR_SHUTDOWN',
        message: 'checkpoint 1 failed: the job is canceled',
      }),
      expect(savepoint).rejects.toMatchObject({
        reason: 'CHECKPOINT_COORDINATOR_SHUTDOWN',
        message: 'savepoint not taken: the job is canceled',
      }),
    ]);
    coordinator.stop('CHECKPOINT_COORDINATOR_SHUTDOWN', 'the job is canceled');
    // The queued savepoint did not start on the stopping attempt: nothing new was triggered, nothing is pending.
    expect(triggered.map((t) => t.checkpointId)).toEqual([1, 1]);
    expect(coordinator.statistics().counts).toMatchObject({ inProgress: 0, failed: 1 });
    await refused;
  });

  it('the final checkpoint (FLIP-147) goes out as soon as every source has ended, unless minPauseMs holds it back', () => {
    const { coordinator, triggered, acknowledge, time } = twoSources(undefined, { intervalMs: 100, minPauseMs: 150 });
    const at = (checkpointId: number) => triggered.filter((t) => t.checkpointId === checkpointId).length;
    coordinator.startPeriodic();
    time.advance(100);
    acknowledge(0, 1, 'a');
    acknowledge(1, 1, 'b');
    time.advance(20);
    coordinator.onSourceEnded('src', 0);
    expect(at(2)).toBe(0);
    // Both ended 20 ms after checkpoint 1 ended: within minPauseMs, so the periodic trigger takes it, at 300.
    coordinator.onSourceEnded('src', 1);
    expect(at(2)).toBe(0);
    time.advance(179);
    expect(at(2)).toBe(0);
    time.advance(1);
    expect(at(2)).toBe(2);
    acknowledge(0, 2, 'a end');
    acknowledge(1, 2, 'b end');
    expect(coordinator.statistics().history[0]).toMatchObject({ id: 2, status: 'COMPLETED', endTimestamp: 300 });
    coordinator.stop('CHECKPOINT_COORDINATOR_SHUTDOWN', 'the job finished');
  });

  it('without minPauseMs the final checkpoint is triggered at the moment the last source ends, not at the next interval', () => {
    const { coordinator, triggered, time } = twoSources(undefined, { intervalMs: 60_000 });
    coordinator.startPeriodic();
    time.advance(500);
    coordinator.onSourceEnded('src', 1);
    coordinator.onSourceEnded('src', 0);
    expect(triggered).toEqual([
      { subtaskIndex: 0, checkpointId: 1 },
      { subtaskIndex: 1, checkpointId: 1 },
    ]);
    expect(coordinator.statistics().history[0]).toMatchObject({ id: 1, triggerTimestamp: 500 });
    coordinator.stop('CHECKPOINT_COORDINATOR_SHUTDOWN', 'the job is canceled');
  });
});
