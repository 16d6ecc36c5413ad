/**
 * The latency probe: a rate-limited sequence source stamps each record with the wall clock, the record crosses
 * the same keyBy exchange as the keyed benchmark (2 TaskManagers, parallelism 2), and the operator behind it
 * computes how long ago the stamp was taken; the sink collects [stamp, latency] pairs. `performance.timeOrigin + performance.now()` is the wall clock in
 * sub-millisecond resolution, comparable between processes on one machine (Date.now() has whole milliseconds,
 * too coarse for a flush after every record).
 */
import type { JobGraph } from '@sluice/model';

export const LATENCY_SINK = 'latencies';
const NOW = 'performance.timeOrigin + performance.now()';

export function latencyJobGraph(records: number, ratePerSecond: number, bufferTimeoutMs: number): JobGraph {
  return {
    version: 1,
    name: `latency at ${ratePerSecond} records/s, buffer timeout ${bufferTimeoutMs} ms`,
    config: { bufferTimeoutMs },
    operators: [
      { id: 'numbers', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: records, ratePerSecond } },
      { id: 'stamp', kind: 'map', parallelism: 2, params: { fn: `v => ({ v, sentAt: ${NOW} })` } },
      { id: 'latency', kind: 'map', parallelism: 2, params: { fn: `r => [r.sentAt, ${NOW} - r.sentAt]` } },
      { id: LATENCY_SINK, kind: 'sink.collect', parallelism: 2 },
    ],
    edges: [
      { source: 'numbers', target: 'stamp' },
      { source: 'stamp', target: 'latency', partitioner: 'hash', key: 'r => r.v % 1024' },
      { source: 'latency', target: LATENCY_SINK },
    ],
  };
}
