/**
 * `keyed-cross-taskmanager` against `keyed-one-taskmanager`: the same keyed job with parallelism 2, once spread
 * over 2 TaskManagers of one slot each (the hash exchange crosses TCP), once in 1 TaskManager with 2 slots (every
 * channel is an in-memory queue), and against Apache Flink on a MiniCluster of 2 TaskManagers with one slot each: the
 * job in Java (`flink-java`) and this JobGraph through the Flink runner (`flink-runner`, flink/baselines.ts). The
 * rate is end to end, sources to sinks: n records over the job's run (see run-on-cluster.ts); deployment time is
 * reported beside it.
 */
import type { JobConfig } from '@sluice/model';
import { flinkThroughputs } from '../flink/baselines.js';
import { median } from '../measure/timing.js';
import type { BenchmarkResult } from '../report/results.js';
import { KEYED_VERTEX, keyedJobGraph } from './keyed-job.js';
import { recordsInto, runOnCluster } from './run-on-cluster.js';

export interface KeyedFigures {
  recordsPerSecond: number;
  peakRssBytes: number;
  /** Median time from submission until every subtask is RUNNING. */
  deploySeconds: number;
  /** The fewest checkpoints one run completed (0 without checkpointing). */
  checkpointsCompleted: number;
}

/**
 * Runs the keyed job `runs` times on `taskManagers` TaskManagers and checks every record reached the keyed sum.
 * `config` may differ per run (-1: the warm-up), e.g. for a checkpoint directory of its own.
 */
export async function measureKeyed(
  n: number,
  runs: number,
  taskManagers: 1 | 2,
  config?: JobConfig | ((run: number) => JobConfig),
): Promise<KeyedFigures> {
  const configOf = (run: number) => (typeof config === 'function' ? config(run) : config);
  const warmUp = keyedJobGraph(1000, configOf(-1));
  const measured = Array.from({ length: runs }, (_, run) => keyedJobGraph(n, configOf(run)));
  const results = await runOnCluster({ taskManagers, slotsPerTaskManager: 2 / taskManagers }, warmUp, measured);
  for (const result of results) {
    if (result.taskManagersUsed.size !== taskManagers) {
      throw new Error(`the keyed job ran on ${result.taskManagersUsed.size} TaskManagers, expected ${taskManagers}`);
    }
    const received = recordsInto(result.details, KEYED_VERTEX);
    if (received !== n) throw new Error(`the keyed sum received ${received} records, expected ${n}`);
  }
  return {
    recordsPerSecond: median(results.map((r) => n / r.runSeconds)),
    peakRssBytes: Math.max(...results.map((r) => r.peakRssBytes)),
    deploySeconds: median(results.map((r) => r.deploySeconds)),
    checkpointsCompleted: Math.min(...results.map((r) => r.checkpoints.counts.completed)),
  };
}

export async function keyedBenchmark(n: number, runs: number, log: (line: string) => void): Promise<BenchmarkResult> {
  const cross = await measureKeyed(n, runs, 2);
  log(
    `keyed: across 2 TaskManagers ${Math.round(cross.recordsPerSecond)} records/s (deployment ${cross.deploySeconds.toFixed(2)} s)`,
  );
  const one = await measureKeyed(n, runs, 1);
  log(
    `keyed: in 1 TaskManager ${Math.round(one.recordsPerSecond)} records/s (deployment ${one.deploySeconds.toFixed(2)} s)`,
  );
  const flink = await flinkThroughputs('keyed', n, runs, keyedJobGraph(n), log);
  return {
    name: 'keyed-cross-taskmanager',
    recordsPerSecond: cross.recordsPerSecond,
    peakRssBytes: cross.peakRssBytes,
    baselines: {
      'keyed-one-taskmanager': { recordsPerSecond: one.recordsPerSecond },
      ...flink,
    },
  };
}
