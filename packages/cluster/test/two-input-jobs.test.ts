/**
 * Two-input operators (design.md, two inputs) on a real local cluster of 2 TaskManager processes × 2 slots: a coMap
 * over two sources, and a keyed coProcess matching orders with payments by key with state and event-time timers,
 * run through, and through a TaskManager SIGKILL with restore from a checkpoint (§7 Recovery).
 *
 * The coProcess's outcome is deterministic despite the race between its inputs: an order stores itself and sets a
 * timer 1000 ms of event time ahead; a payment matches the stored order, or waits in state for it. A timer fires only
 * when the minimum of both inputs' watermarks passes it (§5), by which time every payment up to then has arrived, so
 * exactly the unpaid (odd) orders time out, and every even order is matched once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobConfig, JobGraph } from '@sluice/model';
import { LocalCluster } from '../src/index.js';
import { multiset, runToCompletion, until } from './harness.js';

let cluster: LocalCluster;
beforeAll(async () => {
  cluster = await LocalCluster.start({
    taskManagers: 2,
    slotsPerTaskManager: 2,
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 2500,
  });
});
afterAll(() => cluster?.shutdown());

const sequence = (id: string, from: number, to: number, slowdownMs = 0) => ({
  id,
  kind: 'source.sequence' as const,
  parallelism: 2,
  ...(slowdownMs > 0 && { slowdownMs }),
  params: { from, to, watermarks: { strategy: 'monotonous', timestamp: '(n) => n' } },
});

function ordersAndPayments(n: number, config?: JobConfig, slowdownMs = 0): JobGraph {
  return {
    version: 1,
    name: 'orders and payments',
    ...(config && { config }),
    operators: [
      sequence('orders', 1, n, slowdownMs),
      sequence('all', 1, n, slowdownMs),
      { id: 'payments', kind: 'filter', parallelism: 2, params: { fn: '(n) => n % 2 === 0' } },
      {
        id: 'match',
        kind: 'coProcess',
        parallelism: 2,
        params: {
          fn1: `(order, ctx, out) => {
            const payment = ctx.state.value('payment');
            if (payment.value() !== null) {
              payment.clear();
              out.collect({ key: ctx.getCurrentKey(), paid: true });
            } else {
              ctx.state.value('order').update(order);
              ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1000);
            }
          }`,
          fn2: `(payment, ctx, out) => {
            const order = ctx.state.value('order');
            if (order.value() !== null) {
              order.clear();
              out.collect({ key: ctx.getCurrentKey(), paid: true });
            } else ctx.state.value('payment').update(payment);
          }`,
          onTimer: `(timestamp, ctx, out) => {
            const order = ctx.state.value('order');
            if (order.value() === null) return;
            order.clear();
            out.collect({ key: ctx.getCurrentKey(), unpaid: true, at: timestamp });
          }`,
        },
      },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'all', target: 'payments', partitioner: 'forward' },
      { source: 'orders', target: 'match', partitioner: 'hash', key: '(n) => n', input: 1 },
      { source: 'payments', target: 'match', partitioner: 'hash', key: '(n) => n', input: 2 },
      { source: 'match', target: 'out', partitioner: 'rebalance' },
    ],
  };
}

const expectedMatches = (n: number): unknown[] =>
  Array.from({ length: n }, (_, i) => i + 1).map((key) =>
    key % 2 === 0 ? { key, paid: true } : { key, unpaid: true, at: key + 1000 },
  );

describe('two-input operators on a real cluster', () => {
  it('coMap: each input through its own function, records of both inputs arrive exactly once', async () => {
    const details = await runToCompletion(cluster, {
      version: 1,
      name: 'coMap',
      operators: [
        sequence('a', 1, 500),
        sequence('b', 1, 300),
        { id: 'co', kind: 'coMap', parallelism: 2, params: { fn1: '(n) => ({ a: n })', fn2: '(n) => ({ b: -n })' } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'a', target: 'co', partitioner: 'rebalance', input: 1 },
        { source: 'b', target: 'co', partitioner: 'rebalance', input: 2 },
        { source: 'co', target: 'out', partitioner: 'rebalance' },
      ],
    });
    const expected = [
      ...Array.from({ length: 500 }, (_, i) => ({ a: i + 1 })),
      ...Array.from({ length: 300 }, (_, i) => ({ b: -(i + 1) })),
    ];
    expect(multiset(details.sinks.out!)).toEqual(multiset(expected));
  });

  it('a self-connection: one source into both inputs of a coFlatMap', async () => {
    const details = await runToCompletion(cluster, {
      version: 1,
      name: 'self connect',
      operators: [
        sequence('a', 1, 100),
        { id: 'co', kind: 'coFlatMap', parallelism: 2, params: { fn1: '(n) => [n]', fn2: '(n) => [-n, -n]' } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'a', target: 'co', partitioner: 'rebalance', input: 1 },
        { source: 'a', target: 'co', partitioner: 'hash', key: '(n) => n', input: 2 },
        { source: 'co', target: 'out', partitioner: 'rebalance' },
      ],
    });
    const numbers = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(multiset(details.sinks.out!)).toEqual(multiset([...numbers, ...numbers.flatMap((n) => [-n, -n])]));
  });

  it('keyed coProcess: state per key across both inputs, timers on the minimum watermark of the two', async () => {
    const n = 2000;
    const details = await runToCompletion(cluster, ordersAndPayments(n));
    expect(multiset(details.sinks.out!)).toEqual(multiset(expectedMatches(n)));
  });

  it('keyed coProcess through a TaskManager SIGKILL: state and pending timers restored, every outcome once', async () => {
    const n = 6000;
    const storageDir = join(mkdtempSync(join(tmpdir(), 'sluice-co-recovery-')), 'checkpoints');
    const config: JobConfig = {
      maxParallelism: 128,
      checkpointing: { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir },
      restartStrategy: { type: 'fixed-delay', attempts: 5, delayMs: 100 },
    };
    // 0.5 ms a record, 1.5 s at least: the kill lands while the job runs, after a checkpoint completed.
    const handle = cluster.submitJob(ordersAndPayments(n, config, 0.5));
    await until(() => handle.checkpointStatistics().counts.completed >= 1, 20_000);
    const hosts = [
      ...new Set(
        handle.details().subtasks.flatMap((s) => (s.state === 'RUNNING' && s.taskManagerId ? [s.taskManagerId] : [])),
      ),
    ].sort();
    expect(hosts.length, 'the job still runs when the TaskManager is killed').toBeGreaterThan(0);
    cluster.signalTaskManager(hosts[0]!, 'SIGKILL');
    const details = await handle.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expect(handle.exceptions().restarts).toBe(1);
    expect(handle.exceptions().entries[0]!.restoreCheckpointId).toBeGreaterThanOrEqual(1);
    expect(multiset(details.sinks.out!)).toEqual(multiset(expectedMatches(n)));
  }, 60_000);
});
