/** The keyed running sum the checkpoint and recovery tests run (§7 Checkpoints), and what an uninterrupted run emits. */
import type { JobConfig, JobGraph } from '@sluice/model';

export const KEYS = 4;

/**
 * 1..to (parallelism 1, so each key's numbers arrive in order), keyed by n mod 4, summed per key in keyed state
 * (the accumulator is what a checkpoint snapshots) into the collect sink `sums`.
 */
export function keyedSum(options: {
  to: number;
  ratePerSecond?: number;
  sumParallelism: number;
  config?: JobConfig;
}): JobGraph {
  return {
    version: 1,
    name: 'keyed running sum',
    ...(options.config && { config: options.config }),
    operators: [
      {
        id: 'numbers',
        kind: 'source.sequence',
        parallelism: 1,
        params: {
          from: 1,
          to: options.to,
          ...(options.ratePerSecond !== undefined && { ratePerSecond: options.ratePerSecond }),
        },
      },
      { id: 'key-by', kind: 'map', parallelism: 1, params: { fn: `(n) => ({ key: 'k' + (n % ${KEYS}), value: n })` } },
      { id: 'sum', kind: 'sum', parallelism: options.sumParallelism, params: { field: 'value' } },
      { id: 'sums', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'numbers', target: 'key-by', partitioner: 'forward' },
      { source: 'key-by', target: 'sum', partitioner: 'hash', key: 'r => r.key' },
      { source: 'sum', target: 'sums', partitioner: 'rebalance' },
    ],
  };
}

/** Every running sum an uninterrupted run emits, in the order of n. */
export function runningSums(to: number): { key: string; value: number }[] {
  const totals = new Map<string, number>();
  return Array.from({ length: to }, (_, i) => {
    const n = i + 1;
    const key = `k${n % KEYS}`;
    const value = (totals.get(key) ?? 0) + n;
    totals.set(key, value);
    return { key, value };
  });
}
