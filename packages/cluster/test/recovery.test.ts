/**
 * Failover on the real cluster (§7 Checkpoints, §7 Recovery): a keyed running sum from a bounded source into an
 * exactly-once sink.file and a collect sink, checkpointed every 100 ms; a TaskManager hosting a task is SIGKILLed
 * at a different seeded moment in each run, before or after checkpoints completed. The job restarts from the
 * latest completed checkpoint (or from the beginning), a replacement TaskManager registers, and the committed part
 * files and the collect sink both equal an uninterrupted run exactly.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobConfig, JobGraph } from '@sluice/model';
import type { JobMasterHandle } from '../src/index.js';
import { LocalCluster } from '../src/index.js';
import { EventRecorder, multiset, until } from './harness.js';

const N = 6000;

interface Sum {
  key: number;
  sum: number;
  count: number;
}

function job(
  outDir: string,
  checkpointing: NonNullable<JobConfig['checkpointing']>,
  exactlyOnce = true,
  slowdownMs = 0.2,
): JobGraph {
  return {
    version: 1,
    name: 'sum to files',
    config: { maxParallelism: 128, checkpointing, restartStrategy: { type: 'fixed-delay', attempts: 5, delayMs: 100 } },
    operators: [
      // slowdownMs a record (0.2 ms unless said): the run lasts long enough for a kill to land while it is running.
      { id: 'src', kind: 'source.sequence', parallelism: 2, slowdownMs, params: { from: 1, to: N } },
      { id: 'kv', kind: 'map', parallelism: 2, params: { fn: '(n) => ({ key: n % 7, sum: n, count: 1 })' } },
      {
        id: 'agg',
        kind: 'reduce',
        parallelism: 2,
        params: { fn: '(a, v) => ({ key: a.key, sum: a.sum + v.sum, count: a.count + 1 })' },
      },
      { id: 'files', kind: 'sink.file', parallelism: 2, params: { path: outDir, format: 'ndjson', exactlyOnce } },
      { id: 'collected', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'kv', partitioner: 'forward' },
      { source: 'kv', target: 'agg', partitioner: 'hash', key: '(r) => r.key' },
      { source: 'agg', target: 'files', partitioner: 'forward' },
      { source: 'agg', target: 'collected', partitioner: 'rebalance' },
    ],
  };
}

/** The last running sum per key: what every correct run ends with, whatever the order records arrived in. */
function finalSums(): Map<number, { sum: number; count: number }> {
  const sums = new Map<number, { sum: number; count: number }>();
  for (let n = 1; n <= N; n++) {
    const entry = sums.get(n % 7) ?? { sum: 0, count: 0 };
    sums.set(n % 7, { sum: entry.sum + n, count: entry.count + 1 });
  }
  return sums;
}

function committed(outDir: string): Sum[] {
  return readdirSync(outDir)
    .filter((name) => /^part-\d+-\d+$/.test(name))
    .flatMap((name) =>
      readFileSync(join(outDir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Sum),
    );
}

/** Per key the running counts 1..count each exactly once, the last one carrying the key's total: none lost, none twice. */
function expectExact(records: Sum[]): void {
  const expected = finalSums();
  expect(records.length).toBe(N);
  for (const [key, { sum, count }] of expected) {
    const ofKey = records.filter((r) => r.key === key);
    expect(multiset(ofKey.map((r) => r.count))).toEqual(multiset(Array.from({ length: count }, (_, i) => i + 1)));
    expect(Math.max(...ofKey.map((r) => r.sum))).toBe(sum);
  }
}

/** Per key every running count 1..count at least once, the largest sum the key's total. */
function expectNothingLost(records: Sum[]): void {
  for (const [key, { sum, count }] of finalSums()) {
    const counts = new Set(records.filter((r) => r.key === key).map((r) => r.count));
    for (let c = 1; c <= count; c++) expect(counts.has(c), `key ${key} count ${c}`).toBe(true);
    expect(Math.max(...records.filter((r) => r.key === key).map((r) => r.sum))).toBe(sum);
  }
}

/** A TaskManager that runs one of the job's tasks, chosen by `seed`. */
function victimOf(handle: JobMasterHandle, seed: number): string {
  const hosts = [
    ...new Set(
      handle.details().subtasks.flatMap((s) => (s.state === 'RUNNING' && s.taskManagerId ? [s.taskManagerId] : [])),
    ),
  ].sort();
  expect(hosts.length, 'the job still runs when the TaskManager is killed').toBeGreaterThan(0);
  return hosts[seed % hosts.length]!;
}

function workDirs(): { outDir: string; storageDir: string } {
  const base = mkdtempSync(join(tmpdir(), 'sluice-recovery-'));
  return { outDir: join(base, 'out'), storageDir: join(base, 'checkpoints') };
}

/** Long enough that a TaskManager busy on a loaded machine is not lost by mistake; short enough to wait for a frozen one. */
const HEARTBEAT_TIMEOUT_MS = 2500;

describe('failover from checkpoints (§7 Recovery)', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await LocalCluster.start({
      taskManagers: 2,
      slotsPerTaskManager: 2,
      heartbeatIntervalMs: 200,
      heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    });
  });
  afterAll(async () => {
    await cluster.shutdown();
  });

  const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
  for (const seed of seeds) {
    // From just after the start (no checkpoint yet: the restart begins anew) to late in the run.
    const killAfterMs = 40 + ((seed * 173) % 10) * 60;
    it(`a TaskManager SIGKILLed ${killAfterMs} ms into the run: committed files and collect sink are exact (seed ${seed})`, async () => {
      const { outDir, storageDir } = workDirs();
      const recorder = new EventRecorder(cluster);
      const handle = cluster.submitJob(job(outDir, { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir }));
      await until(() => handle.details().subtasks.every((s) => s.state === 'RUNNING'), 20_000);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      const victim = victimOf(handle, seed);
      cluster.signalTaskManager(victim, 'SIGKILL');
      const details = await handle.whenTerminal();
      recorder.stop();
      expect(details.status, details.failure?.stack).toBe('FINISHED');
      expectExact(committed(outDir));
      expectExact(details.sinks['collected'] as Sum[]);
      const { restarts, entries } = handle.exceptions();
      expect(restarts).toBe(1);
      expect(entries[0]).toMatchObject({ taskManagerId: victim, willRestart: true, attemptNumber: 0 });
      expect(entries[0]!.message).toContain(`TaskManager ${victim} was lost`);
      // The ResourceManager replaced the lost TaskManager: the cluster has its two again.
      await until(
        () => cluster.taskManagers().length === 2 && !cluster.taskManagers().some((tm) => tm.taskManagerId === victim),
        10_000,
      );
      const restored = handle.checkpointStatistics().latestRestored;
      expect(restored === null ? null : restored.id).toBe(entries[0]!.restoreCheckpointId);
    }, 60_000);
  }

  it('a TaskManager frozen with SIGSTOP is lost by heartbeat timeout, replaced, and the job ends exact (§7 Recovery)', async () => {
    const { outDir, storageDir } = workDirs();
    const handle = cluster.submitJob(job(outDir, { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir }));
    await until(() => handle.checkpointStatistics().counts.completed >= 1, 20_000);
    const victim = victimOf(handle, 0);
    cluster.signalTaskManager(victim, 'SIGSTOP');
    const details = await handle.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expectExact(committed(outDir));
    expectExact(details.sinks['collected'] as Sum[]);
    expect(handle.exceptions().entries.at(-1)?.message).toMatch(
      new RegExp(`^TaskManager ${victim} was lost: no heartbeat for \\d+ ms \\(timeout ${HEARTBEAT_TIMEOUT_MS} ms\\)`),
    );
  }, 60_000);

  it('AT_LEAST_ONCE with a plain (not two-phase) file sink: after a kill nothing is lost, and records written twice appear (§7 Checkpoints)', async () => {
    const { outDir, storageDir } = workDirs();
    // Slower, with checkpoints 300 ms apart: the kill lands 150 ms after one completed, when the sinks have written
    // several batches since, and the next attempt writes those records again.
    const handle = cluster.submitJob(job(outDir, { intervalMs: 300, mode: 'AT_LEAST_ONCE', storageDir }, false, 0.5));
    await until(() => handle.checkpointStatistics().counts.completed >= 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    cluster.signalTaskManager(victimOf(handle, 0), 'SIGKILL');
    const details = await handle.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    const records = committed(outDir);
    expectNothingLost(records);
    expect(records.length).toBeGreaterThan(N);
  }, 60_000);

  for (const damage of ['garbled', 'missing'] as const)
    it(`a latest checkpoint with a ${damage} state file is named and the restart falls back to the one before (§7 Recovery)`, async () => {
      const { outDir, storageDir } = workDirs();
      const handle = cluster.submitJob(
        job(outDir, { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir, retainedCheckpoints: 3 }),
      );
      await until(() => handle.checkpointStatistics().counts.completed >= 2, 20_000);
      const [newest, previous] = handle.checkpointStatistics().history.filter((c) => c.status === 'COMPLETED');
      // Kill first: no newer checkpoint can complete after the damage.
      cluster.signalTaskManager(victimOf(handle, 1), 'SIGKILL');
      const stateFile = readdirSync(newest!.path!).find((name) => name !== '_metadata')!;
      if (damage === 'garbled') writeFileSync(join(newest!.path!, stateFile), 'not a state file');
      else rmSync(join(newest!.path!, stateFile));
      const details = await handle.whenTerminal();
      expect(details.status, details.failure?.stack).toBe('FINISHED');
      // The newest checkpoint's files were committed before the damage, and the older state replays what followed it:
      // as in Flink, a fallback past a committed checkpoint writes that stretch again. Nothing is lost.
      expectNothingLost(committed(outDir));
      expectExact(details.sinks['collected'] as Sum[]);
      const corrupt = handle.exceptions().entries.find((e) => e.message.includes(`checkpoint ${newest!.id}`));
      expect(corrupt?.message).toContain(
        `cannot be restored: ${join(newest!.path!, stateFile)} ${damage === 'garbled' ? 'has ' : 'is missing'}`,
      );
      expect(corrupt).toMatchObject({ cause: { kind: 'corrupt-checkpoint', checkpointId: newest!.id }, stack: '' });
      expect(handle.checkpointStatistics().latestRestored?.id).toBe(previous!.id);
    }, 60_000);
});
