/**
 * `checkpointing-1s` against `no-checkpoints` (issue 5): the keyed cross-TaskManager job of keyed.ts, once with
 * EXACTLY_ONCE checkpoints every second (barriers aligned at the hash exchange, state written to disk by every
 * subtask), once without. Each checkpointed run gets a storage directory of its own.
 */
import { join } from 'node:path';
import { measureKeyed } from '../cluster/keyed.js';
import type { BenchmarkResult } from '../report/results.js';

export async function checkpointOverheadBenchmark(
  n: number,
  runs: number,
  storageRoot: string,
  log: (line: string) => void,
): Promise<BenchmarkResult> {
  const plain = await measureKeyed(n, runs, 2);
  const checkpointed = await measureKeyed(n, runs, 2, (run) => ({
    checkpointing: { intervalMs: 1000, mode: 'EXACTLY_ONCE', storageDir: join(storageRoot, `overhead-${run}`) },
  }));
  if (checkpointed.checkpointsCompleted === 0)
    throw new Error(
      'the checkpointed runs completed no checkpoint: the job ran under a second, raise the record count',
    );
  log(
    `checkpoints every 1 s: ${Math.round(checkpointed.recordsPerSecond)} records/s (at least ${checkpointed.checkpointsCompleted} completed a run) vs none ${Math.round(plain.recordsPerSecond)} records/s`,
  );
  return {
    name: 'checkpointing-1s',
    recordsPerSecond: checkpointed.recordsPerSecond,
    peakRssBytes: checkpointed.peakRssBytes,
    baselines: { 'no-checkpoints': { recordsPerSecond: plain.recordsPerSecond } },
  };
}
