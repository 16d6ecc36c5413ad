/**
 * Checkpoint duration and size against state size (issue 5): the keyed job with 1 000 to 1 000 000 distinct keys
 * (one rolling sum each), checkpointed every 500 ms on 2 TaskManagers. Per key count: the state size of the last
 * completed checkpoint and the median duration (trigger to the coordinator's completion) of its checkpoints.
 */
import { join } from 'node:path';
import { keyedJobGraph } from '../cluster/keyed-job.js';
import { runOnCluster } from '../cluster/run-on-cluster.js';
import { median } from '../measure/timing.js';

export interface CheckpointSizeFigures {
  keys: number;
  checkpoints: number;
  stateSizeBytes: number;
  durationMsMedian: number;
  durationMsMax: number;
}

export async function checkpointSizeBenchmark(
  n: number,
  keyCounts: readonly number[],
  storageRoot: string,
  log: (line: string) => void,
): Promise<CheckpointSizeFigures[]> {
  const figures: CheckpointSizeFigures[] = [];
  for (const keys of keyCounts) {
    const config = (name: string) => ({
      checkpointing: {
        intervalMs: 500,
        mode: 'EXACTLY_ONCE' as const,
        storageDir: join(storageRoot, `size-${keys}-${name}`),
      },
    });
    const [run] = await runOnCluster(
      { taskManagers: 2, slotsPerTaskManager: 1 },
      keyedJobGraph(1000, config('warm-up'), keys),
      [keyedJobGraph(n, config('run'), keys)],
    );
    const completed = run!.checkpoints.history.filter((c) => c.status === 'COMPLETED' && c.durationMs !== null);
    if (completed.length === 0) throw new Error(`the job with ${keys} keys completed no checkpoint`);
    const durations = completed.map((c) => c.durationMs!);
    const row = {
      keys,
      checkpoints: completed.length,
      stateSizeBytes: completed[0]!.stateSizeBytes,
      durationMsMedian: median(durations),
      durationMsMax: Math.max(...durations),
    };
    log(
      `checkpoint with ${keys} keys: ${(row.stateSizeBytes / 1024).toFixed(0)} KiB, median ${row.durationMsMedian.toFixed(0)} ms, max ${row.durationMsMax.toFixed(0)} ms over ${row.checkpoints}`,
    );
    figures.push(row);
  }
  return figures;
}
