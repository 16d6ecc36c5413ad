/**
 * `deploy-100-tasks`: how long a job of 100 tasks takes from submission until every task is RUNNING (slot
 * allocation, task set-up, operator set-up). 25 operators at parallelism 4, none chained (§1 Operator chaining), in
 * one slot sharing group, so 4 slots (§2 Slot sharing) on 2 TaskManagers of 2 slots: Sluice's LocalCluster against
 * the same job in Java on a Flink MiniCluster of the same shape (`flink-java`, bench/flink). Each side first runs a
 * warm-up job on its cluster; the median of the measured runs counts, and every run must bring every record to the
 * sink.
 */
import type { JobGraph } from '@sluice/model';
import { flinkUnavailable, runOnFlink } from '../flink/baselines.js';
import { median } from '../measure/timing.js';
import type { DurationResult } from '../report/results.js';
import { recordsInto, runOnCluster } from './run-on-cluster.js';

const OPERATORS = 25;
const PARALLELISM = 4;
const SINK = `op-${OPERATORS}`;

export function deployJobGraph(records: number): JobGraph {
  const ids = Array.from({ length: OPERATORS }, (_, i) => `op-${i + 1}`);
  return {
    version: 1,
    name: `${OPERATORS} unchained operators at parallelism ${PARALLELISM}`,
    // 25 tasks share each slot's thread; on a busy machine a source turn outlasted the 5 s default watchdog and
    // failed the job (seen at load 58). The bench measures deployment, not the watchdog.
    config: { userFunctionTimeoutMs: 60_000 },
    operators: ids.map((id, i) => ({
      id,
      parallelism: PARALLELISM,
      chaining: 'NEVER' as const,
      ...(i === 0
        ? { kind: 'source.sequence' as const, params: { from: 1, to: records } }
        : i === OPERATORS - 1
          ? { kind: 'sink.discard' as const }
          : { kind: 'map' as const, params: { fn: 'x => x' } }),
    })),
    edges: ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id })),
  };
}

export async function deployBenchmark(
  records: number,
  runs: number,
  log: (line: string) => void,
): Promise<DurationResult> {
  const jobs = Array.from({ length: runs }, () => deployJobGraph(records));
  const results = await runOnCluster({ taskManagers: 2, slotsPerTaskManager: 2 }, deployJobGraph(1000), jobs);
  for (const result of results) {
    if (result.details.subtasks.length !== OPERATORS * PARALLELISM)
      throw new Error(`the job deployed ${result.details.subtasks.length} tasks, expected ${OPERATORS * PARALLELISM}`);
    const received = recordsInto(result.details, SINK);
    if (received !== records) throw new Error(`the sink received ${received} records, expected ${records}`);
  }
  const seconds = median(results.map((r) => r.deploySeconds));
  log(`deploy-100-tasks: sluice ${seconds.toFixed(2)} s to every task RUNNING`);
  const baselines: DurationResult['baselines'] = {};
  const unavailable = flinkUnavailable();
  if (unavailable) log(`deploy-100-tasks: flink-java ${unavailable}`);
  else {
    const flink = median((await runOnFlink('deploy', records, runs)).map((run) => run.deploySeconds));
    log(`deploy-100-tasks: flink-java ${flink.toFixed(2)} s to every task RUNNING`);
    baselines['flink-java'] = { seconds: flink };
  }
  return { name: 'deploy-100-tasks', seconds, baselines };
}
