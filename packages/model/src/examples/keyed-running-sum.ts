/**
 * The keyed running sum the state, recovery and savepoint examples share: a sequence source, a map that
 * keys each number by its remainder mod 4, and sum(value) per key, whose accumulator is keyed state (§7).
 * The source runs at parallelism 1 so each key's numbers arrive in order and every running sum is known.
 */
import type { JobConfig, JobGraph } from '../jobgraph.js';

export interface KeyedRunningSumOptions {
  name: string;
  /** The sequence 1..to, emitted at ratePerSecond: how long the job runs. */
  to: number;
  ratePerSecond: number;
  sumParallelism: number;
  config: JobConfig;
}

export const KEYS = 4;

export function keyedRunningSumJob(options: KeyedRunningSumOptions): JobGraph {
  return {
    version: 1,
    name: options.name,
    config: options.config,
    operators: [
      {
        id: 'numbers',
        kind: 'source.sequence',
        name: 'Numbers',
        parallelism: 1,
        params: { from: 1, to: options.to, ratePerSecond: options.ratePerSecond },
        position: { x: 0, y: 120 },
      },
      {
        id: 'key-by-remainder',
        kind: 'map',
        name: 'Key = n mod 4',
        parallelism: 1,
        params: { fn: `(n, ctx) => ({ key: 'k' + (n % ${KEYS}), value: n })` },
        position: { x: 260, y: 120 },
      },
      {
        id: 'sum',
        kind: 'sum',
        name: 'Running sum per key',
        parallelism: options.sumParallelism,
        params: { field: 'value' },
        position: { x: 520, y: 120 },
      },
      { id: 'sums', kind: 'sink.collect', name: 'Sums', parallelism: 1, position: { x: 780, y: 120 } },
    ],
    edges: [
      { source: 'numbers', target: 'key-by-remainder', partitioner: 'forward' },
      { source: 'key-by-remainder', target: 'sum', partitioner: 'hash', key: 'r => r.key' },
      { source: 'sum', target: 'sums', partitioner: 'rebalance' },
    ],
  };
}

/** Every running sum an uninterrupted run emits: for each n in 1..to, key k(n mod 4) and the sum of its numbers up to n. */
export function keyedRunningSums(to: number): { key: string; value: number }[] {
  const totals = new Map<string, number>();
  const out: { key: string; value: number }[] = [];
  for (let n = 1; n <= to; n += 1) {
    const key = `k${n % KEYS}`;
    const value = (totals.get(key) ?? 0) + n;
    totals.set(key, value);
    out.push({ key, value });
  }
  return out;
}
