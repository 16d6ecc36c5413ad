/**
 * `buffer-timeout-0` / `buffer-timeout-100`: Flink's execution.buffer-timeout trades latency for throughput. A
 * buffer leaves when full or when the timeout expires; 0 flushes after every record (§4 Credit-based flow
 * control: every flushed buffer costs a credit). Each setting gets two runs on 2 TaskManagers: the keyed job at
 * full speed for throughput, and the latency probe at a rate low enough that buffers never fill, so the timeout
 * alone decides when a record leaves.
 */
import { percentile } from '../measure/percentiles.js';
import type { BenchmarkResult } from '../report/results.js';
import { measureKeyed } from './keyed.js';
import { LATENCY_SINK, latencyJobGraph } from './latency-job.js';
import { runOnCluster } from './run-on-cluster.js';

export interface LatencyProbe {
  ratePerSecond: number;
  seconds: number;
}

/** Latencies of the records after the first second, which pays for the task threads' JIT warm-up. */
async function measureLatencies(
  probe: LatencyProbe,
  bufferTimeoutMs: number,
): Promise<{ p50: number; p99: number; peakRssBytes: number }> {
  const records = probe.ratePerSecond * probe.seconds;
  const warmUp = latencyJobGraph(probe.ratePerSecond / 10, probe.ratePerSecond, bufferTimeoutMs);
  const [run] = await runOnCluster({ taskManagers: 2, slotsPerTaskManager: 1 }, warmUp, [
    latencyJobGraph(records, probe.ratePerSecond, bufferTimeoutMs),
  ]);
  if (!run) throw new Error('the latency probe did not run');
  const samples = (run.details.sinks[LATENCY_SINK] ?? []) as [sentAt: number, latencyMs: number][];
  if (samples.length !== records)
    throw new Error(`the latency probe delivered ${samples.length} records, expected ${records}`);
  const warmUpEnds = Math.min(...samples.map(([sentAt]) => sentAt)) + 1000;
  const latencies = samples.filter(([sentAt]) => sentAt >= warmUpEnds).map(([, ms]) => ms);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), peakRssBytes: run.peakRssBytes };
}

export async function bufferTimeoutBenchmarks(
  n: number,
  runs: number,
  probe: LatencyProbe,
  log: (line: string) => void,
): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  for (const bufferTimeoutMs of [0, 100]) {
    const throughput = await measureKeyed(n, runs, 2, { bufferTimeoutMs });
    const latency = await measureLatencies(probe, bufferTimeoutMs);
    log(
      `buffer timeout ${bufferTimeoutMs} ms: ${Math.round(throughput.recordsPerSecond)} records/s, p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`,
    );
    results.push({
      name: `buffer-timeout-${bufferTimeoutMs}`,
      recordsPerSecond: throughput.recordsPerSecond,
      peakRssBytes: Math.max(throughput.peakRssBytes, latency.peakRssBytes),
      baselines: {},
      latencyP50Ms: latency.p50,
      latencyP99Ms: latency.p99,
    });
  }
  // Each setting is the other's baseline: the point of the pair is the trade between them.
  const [zero, hundred] = results as [BenchmarkResult, BenchmarkResult];
  zero.baselines[hundred.name] = { recordsPerSecond: hundred.recordsPerSecond };
  hundred.baselines[zero.name] = { recordsPerSecond: zero.recordsPerSecond };
  return results;
}
