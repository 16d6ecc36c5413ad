/**
 * The keyed pipeline: integers 1..n from a parallel sequence source, keyBy (a hash edge, §3 Partitioners) onto
 * a rolling keyed sum, into a discarding sink, all at parallelism 2. Every record crosses the hash exchange: by
 * key group, about half stay in their TaskManager and half go to the other one.
 */
import type { JobConfig, JobGraph } from '@sluice/model';

export const KEYED_VERTEX = 'sum';
/** Enough distinct keys to spread over all 128 key groups, few enough that keyed state stays small. */
const KEYS = 1024;

export function keyedJobGraph(n: number, config?: JobConfig, keys = KEYS): JobGraph {
  return {
    version: 1,
    name: `keyed sum over ${n} integers`,
    ...(config && { config }),
    operators: [
      { id: 'numbers', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: n } },
      { id: KEYED_VERTEX, kind: 'sum', parallelism: 2 },
      { id: 'discard', kind: 'sink.discard', parallelism: 2 },
    ],
    edges: [
      { source: 'numbers', target: KEYED_VERTEX, partitioner: 'hash', key: `v => v % ${keys}` },
      { source: KEYED_VERTEX, target: 'discard' },
    ],
  };
}
