/**
 * A keyed process function's state and pending timers through a TaskManager failure (§7 Checkpoints, §7 Recovery,
 * design.md process functions). The function counts the records of each key in value state and, for every 100th
 * number, registers an event-time timer 250 ms of event time ahead; event time is the number itself, so timers
 * are pending at every checkpoint. A TaskManager is SIGKILLed at a seeded moment; the job restores its keyed
 * state and timers from the latest completed checkpoint. The exactly-once file sink and the collect sink must then
 * hold every running count exactly once and every timer's firing exactly once, as an uninterrupted run.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { LocalCluster } from '../src/index.js';
import { multiset, until } from './harness.js';

const N = 6000;
const KEYS = 7;

type Output = { key: number; n: number; count: number } | { key: number; fired: number };

function job(outDir: string, storageDir: string): JobGraph {
  return {
    version: 1,
    name: 'process function state and timers',
    config: {
      maxParallelism: 128,
      checkpointing: { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir },
      restartStrategy: { type: 'fixed-delay', attempts: 5, delayMs: 100 },
    },
    operators: [
      {
        id: 'src',
        kind: 'source.sequence',
        parallelism: 2,
        // 0.5 ms a record, 1.5 s at least: the kill lands while the job runs, after checkpoints completed.
        slowdownMs: 0.5,
        params: { from: 1, to: N, watermarks: { strategy: 'monotonous', timestamp: '(n) => n' } },
      },
      {
        id: 'proc',
        kind: 'process',
        parallelism: 2,
        params: {
          fn: `(n, ctx, out) => {
            const count = ctx.state.value('count');
            count.update((count.value() ?? 0) + 1);
            out.collect({ key: ctx.getCurrentKey(), n, count: count.value() });
            if (n % 100 === 0) ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 250);
          }`,
          onTimer: `(timestamp, ctx, out) => out.collect({ key: ctx.getCurrentKey(), fired: timestamp })`,
        },
      },
      { id: 'files', kind: 'sink.file', parallelism: 2, params: { path: outDir, format: 'ndjson', exactlyOnce: true } },
      { id: 'collected', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'proc', partitioner: 'hash', key: `(n) => n % ${KEYS}` },
      { source: 'proc', target: 'files', partitioner: 'forward' },
      { source: 'proc', target: 'collected', partitioner: 'rebalance' },
    ],
  };
}

function committed(outDir: string): Output[] {
  return readdirSync(outDir)
    .filter((name) => /^part-\d+-\d+$/.test(name))
    .flatMap((name) =>
      readFileSync(join(outDir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Output),
    );
}

/** Every record's running count once per key (1..count), and every timer (n + 250 for n = 100, 200, …) fired once. */
function expectExact(outputs: Output[]): void {
  const counted = outputs.filter((o): o is Extract<Output, { count: number }> => 'count' in o);
  const fired = outputs.filter((o): o is Extract<Output, { fired: number }> => 'fired' in o);
  expect(counted.length).toBe(N);
  for (let key = 0; key < KEYS; key++) {
    const ofKey = counted.filter((o) => o.key === key);
    const count = Array.from({ length: N }, (_, i) => i + 1).filter((n) => n % KEYS === key).length;
    expect(multiset(ofKey.map((o) => o.count))).toEqual(multiset(Array.from({ length: count }, (_, i) => i + 1)));
    expect(ofKey.every((o) => o.n % KEYS === key)).toBe(true);
  }
  const timers = Array.from({ length: N / 100 }, (_, i) => (i + 1) * 100);
  expect(multiset(fired)).toEqual(multiset(timers.map((n) => ({ key: n % KEYS, fired: n + 250 }))));
}

describe('a keyed process function fails over with its state and timers (§7 Recovery)', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await LocalCluster.start({
      taskManagers: 2,
      slotsPerTaskManager: 2,
      heartbeatIntervalMs: 200,
      heartbeatTimeoutMs: 2500,
    });
  });
  afterAll(async () => {
    await cluster.shutdown();
  });

  for (const seed of [1, 2, 3]) {
    const killAfterMs = seed * 100;
    it(`a TaskManager SIGKILLed ${killAfterMs} ms after the first checkpoint: counts and timer firings exactly once (seed ${seed})`, async () => {
      const base = mkdtempSync(join(tmpdir(), 'sluice-process-recovery-'));
      const outDir = join(base, 'out');
      const handle = cluster.submitJob(job(outDir, join(base, 'checkpoints')));
      await until(() => handle.checkpointStatistics().counts.completed >= 1, 20_000);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      const hosts = [
        ...new Set(
          handle.details().subtasks.flatMap((s) => (s.state === 'RUNNING' && s.taskManagerId ? [s.taskManagerId] : [])),
        ),
      ].sort();
      expect(hosts.length, 'the job still runs when the TaskManager is killed').toBeGreaterThan(0);
      cluster.signalTaskManager(hosts[seed % hosts.length]!, 'SIGKILL');
      const details = await handle.whenTerminal();
      expect(details.status, details.failure?.stack).toBe('FINISHED');
      expect(handle.exceptions().restarts).toBe(1);
      // Restored from a checkpoint, not begun anew: the state and timers came back from it.
      expect(handle.checkpointStatistics().latestRestored?.id).toBe(
        handle.exceptions().entries[0]!.restoreCheckpointId,
      );
      expect(handle.exceptions().entries[0]!.restoreCheckpointId).toBeGreaterThanOrEqual(1);
      expectExact(committed(outDir));
      expectExact(details.sinks['collected'] as Output[]);
    }, 60_000);
  }
});
