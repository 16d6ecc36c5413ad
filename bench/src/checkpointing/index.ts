/** The benchmarks of issue 5, sharing one temporary checkpoint storage root that is removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkResult } from '../report/results.js';
import { checkpointOverheadBenchmark } from './overhead.js';
import { recoveryBenchmark, type RecoveryFigures } from './recovery.js';
import { checkpointSizeBenchmark, type CheckpointSizeFigures } from './state-size.js';

export interface CheckpointingResults {
  overhead: BenchmarkResult;
  sizes: CheckpointSizeFigures[];
  recovery: RecoveryFigures;
}

/** What bench/results.json holds beside the overhead, which is one of its `benchmarks`. */
export type CheckpointingFigures = Omit<CheckpointingResults, 'overhead'>;

export async function checkpointingBenchmarks(
  records: (n: number) => number,
  log: (line: string) => void,
): Promise<CheckpointingResults> {
  const storageRoot = mkdtempSync(join(tmpdir(), 'sluice-bench-checkpoints-'));
  try {
    const overhead = await checkpointOverheadBenchmark(records(5_000_000), 3, storageRoot, log);
    const sizes = await checkpointSizeBenchmark(
      records(3_000_000),
      [...new Set([1_000, 100_000, 1_000_000].map((keys) => Math.min(keys, records(1_000_000))))],
      storageRoot,
      log,
    );
    const recovery = await recoveryBenchmark(records(3_000_000), 3, storageRoot, log);
    return { overhead, sizes, recovery };
  } finally {
    rmSync(storageRoot, { recursive: true, force: true });
  }
}
