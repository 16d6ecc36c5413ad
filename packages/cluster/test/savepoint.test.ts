/**
 * Savepoints and rescaling on the real cluster (§7 Savepoints): stop a keyed running sum with a savepoint at
 * parallelism 2, resume it from the savepoint at parallelism 3 (keyed state moves by key groups, §3 Key groups),
 * and the two runs' output together equals one uninterrupted run. A changed maxParallelism is refused.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { LocalCluster } from '../src/index.js';
import { multiset, until } from './harness.js';

const N = 6000;

interface Sum {
  key: number;
  sum: number;
  count: number;
}

function job(sumParallelism: number, maxParallelism = 128): JobGraph {
  return {
    version: 1,
    name: 'rescaled sum',
    config: { maxParallelism },
    operators: [
      { id: 'src', kind: 'source.sequence', parallelism: 2, slowdownMs: 0.2, params: { from: 1, to: N } },
      { id: 'kv', kind: 'map', parallelism: 2, params: { fn: '(n) => ({ key: n % 11, sum: n, count: 1 })' } },
      {
        id: 'agg',
        kind: 'reduce',
        parallelism: sumParallelism,
        params: { fn: '(a, v) => ({ key: a.key, sum: a.sum + v.sum, count: a.count + 1 })' },
      },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'kv', partitioner: 'forward' },
      { source: 'kv', target: 'agg', partitioner: 'hash', key: '(r) => r.key' },
      { source: 'agg', target: 'out', partitioner: 'rebalance' },
    ],
  };
}

function expectUninterrupted(records: Sum[]): void {
  expect(records.length).toBe(N);
  const totals = new Map<number, { sum: number; count: number }>();
  for (let n = 1; n <= N; n++) {
    const t = totals.get(n % 11) ?? { sum: 0, count: 0 };
    totals.set(n % 11, { sum: t.sum + n, count: t.count + 1 });
  }
  for (const [key, { sum, count }] of totals) {
    const ofKey = records.filter((r) => r.key === key);
    expect(multiset(ofKey.map((r) => r.count))).toEqual(multiset(Array.from({ length: count }, (_, i) => i + 1)));
    expect(Math.max(...ofKey.map((r) => r.sum))).toBe(sum);
  }
}

describe('savepoints (§7 Savepoints)', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await LocalCluster.start({ taskManagers: 2, slotsPerTaskManager: 3 });
  });
  afterAll(async () => {
    await cluster.shutdown();
  });

  it('stop with savepoint at parallelism 2, resume at 3: together the same sums as one uninterrupted run', async () => {
    const targetDirectory = join(mkdtempSync(join(tmpdir(), 'sluice-savepoint-')), 'sp');
    const first = cluster.submitJob(job(2));
    await until(() => first.details().subtasks.every((s) => s.state === 'RUNNING'), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const savepoint = await first.stopWithSavepoint({ targetDirectory });
    expect(savepoint).toBe(targetDirectory);
    expect(existsSync(join(savepoint, '_metadata'))).toBe(true);
    const stopped = await first.whenTerminal();
    expect(stopped.status, stopped.failure?.stack).toBe('FINISHED');
    const before = stopped.sinks['out'] as Sum[];
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(N);
    expect(first.checkpointStatistics().history[0]).toMatchObject({
      status: 'COMPLETED',
      savepoint: true,
      path: savepoint,
    });

    const resumed = cluster.submitJob(job(3), { savepointPath: savepoint });
    const details = await resumed.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expect(details.subtasks.filter((s) => s.vertexId === 'agg')).toHaveLength(3);
    expect(resumed.checkpointStatistics().latestRestored).toMatchObject({ path: savepoint, savepoint: true });
    expectUninterrupted([...before, ...(details.sinks['out'] as Sum[])]);
  }, 60_000);

  it('a savepoint of a running job leaves it running to its end', async () => {
    const handle = cluster.submitJob(job(2));
    await until(() => handle.details().subtasks.every((s) => s.state === 'RUNNING'), 20_000);
    const folder = await handle.triggerSavepoint({});
    expect(existsSync(join(folder, '_metadata'))).toBe(true);
    const details = await handle.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expectUninterrupted(details.sinks['out'] as Sum[]);
  }, 60_000);

  it('a savepoint asked for as the job turns RUNNING, before its tasks run, waits for them and completes', async () => {
    // Asked for in the job.status RUNNING event itself: the tasks have only just been sent to their slots.
    let asked: { pending: boolean; request: Promise<string> } | undefined;
    const handle = cluster.submitJob(job(2));
    const unsubscribe = cluster.onEvent((event) => {
      if (asked || event.type !== 'job.status' || event.jobId !== handle.jobId || event.status !== 'RUNNING') return;
      asked = {
        pending: handle.details().subtasks.some((s) => s.state !== 'RUNNING'),
        request: handle.triggerSavepoint({}),
      };
    });
    await until(() => asked !== undefined, 20_000);
    unsubscribe();
    expect(asked!.pending).toBe(true);
    const folder = await asked!.request;
    expect(existsSync(join(folder, '_metadata'))).toBe(true);
    expect(handle.details().status).toBe('RUNNING');
    const details = await handle.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expectUninterrupted(details.sinks['out'] as Sum[]);
  }, 60_000);

  it('refuses a savepoint taken with another maxParallelism, naming both (§3 Key groups)', async () => {
    const handle = cluster.submitJob(job(2));
    await until(() => handle.details().subtasks.every((s) => s.state === 'RUNNING'), 20_000);
    const folder = await handle.stopWithSavepoint({});
    expect(() => cluster.submitJob(job(2, 64), { savepointPath: folder })).toThrow(/maxParallelism 128, job 64/);
    expect(() => cluster.submitJob(job(2), { savepointPath: join(folder, 'missing') })).toThrow(
      /cannot restore from savepoint .*missing.* does not exist/,
    );
  }, 60_000);
});
