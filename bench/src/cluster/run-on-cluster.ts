/**
 * Jobs on a LocalCluster (real TaskManager processes, worker threads, TCP between them). Each job's time is
 * split in two: deployment, from submission (slot allocation, task threads, operator set-up) until every subtask
 * is RUNNING, and the run, from then until the job is FINISHED: records flowing from the sources through every
 * exchange to the sinks. Throughput is taken over the run, as Flink's benchmarks take it on a running job, and
 * deployment is reported beside it. (Sources that are RUNNING before their consumers can fill only their output
 * buffer pools, a few tens of thousands of records, before credit stops them.) The cluster first runs a small
 * warm-up job, as a long-running cluster would have. The TaskManagers' summed RSS is sampled while each job
 * runs. A job that does not finish fails the benchmark with its stack.
 */
import { LocalCluster, type JobMasterHandle, type LocalClusterOptions } from '@sluice/cluster';
import type { JobGraph } from '@sluice/model';
import type { CheckpointingStatistics } from '@sluice/protocol';
import { RssSampler } from '../measure/memory.js';

export type JobDetails = Awaited<ReturnType<JobMasterHandle['whenTerminal']>>;

export interface ClusterRun {
  details: JobDetails;
  /** Submission until every subtask is RUNNING. */
  deploySeconds: number;
  /** Every subtask RUNNING until the job is FINISHED. */
  runSeconds: number;
  /** Peak of the TaskManager processes' summed RSS while the job ran. */
  peakRssBytes: number;
  /** TaskManagers that ran at least one of the job's subtasks. */
  taskManagersUsed: Set<string>;
  checkpoints: CheckpointingStatistics;
}

export type ClusterShape = Required<Pick<LocalClusterOptions, 'taskManagers' | 'slotsPerTaskManager'>>;

/** Starts a cluster, runs `warmUp` on it, then each job of `jobs` in turn, and shuts the cluster down. */
export async function runOnCluster(
  shape: ClusterShape,
  warmUp: JobGraph,
  jobs: readonly JobGraph[],
): Promise<ClusterRun[]> {
  const cluster = await LocalCluster.start(shape);
  try {
    await runJob(cluster, warmUp);
    const runs: ClusterRun[] = [];
    for (const job of jobs) runs.push(await runJob(cluster, job));
    return runs;
  } finally {
    await cluster.shutdown();
  }
}

const seconds = (from: bigint, to: bigint): number => Number(to - from) / 1e9;

async function runJob(cluster: LocalCluster, jobGraph: JobGraph): Promise<ClusterRun> {
  const taskManagersUsed = new Set<string>();
  const running: bigint[] = [];
  const stopListening = cluster.onEvent((event) => {
    if (event.type === 'slot.allocated') taskManagersUsed.add(event.taskManagerId);
    if (event.type === 'task.state' && event.state === 'RUNNING') running.push(process.hrtime.bigint());
  });
  const sampler = new RssSampler(cluster.taskManagers().map((tm) => tm.pid));
  const submitted = process.hrtime.bigint();
  const handle = cluster.submitJob(jobGraph);
  const details = await handle.whenTerminal();
  const finished = process.hrtime.bigint();
  const peakRssBytes = sampler.stop();
  stopListening();
  if (details.status !== 'FINISHED')
    throw new Error(
      `job "${jobGraph.name}" ended ${details.status}: ${details.failure?.stack ?? 'no failure reported'}`,
    );
  const allRunning = running.at(-1);
  if (allRunning === undefined || running.length !== details.subtasks.length) {
    throw new Error(
      `job "${jobGraph.name}": ${running.length} of its ${details.subtasks.length} subtasks reported RUNNING`,
    );
  }
  return {
    details,
    deploySeconds: seconds(submitted, allRunning),
    runSeconds: seconds(allRunning, finished),
    peakRssBytes,
    taskManagersUsed,
    checkpoints: handle.checkpointStatistics(),
  };
}

/** Records that entered a vertex's subtasks, per the tasks' final metrics. */
export function recordsInto(details: JobDetails, vertexId: string): number {
  return details.subtasks.filter((s) => s.vertexId === vertexId).reduce((n, s) => n + s.recordsIn, 0);
}
