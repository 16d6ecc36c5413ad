/**
 * One job on a fresh LocalCluster (real TaskManager processes, worker threads, TCP between them), timed end to
 * end: from submission, through slot allocation, deployment and the run, to FINISHED. The TaskManagers' summed
 * RSS is sampled throughout. A job that does not finish fails the benchmark with its stack.
 */
import { LocalCluster, type JobMasterHandle, type LocalClusterOptions } from '@sluice/cluster';
import type { JobGraph } from '@sluice/model';
import { RssSampler } from '../measure/memory.js';
import { timed } from '../measure/timing.js';

export type JobDetails = Awaited<ReturnType<JobMasterHandle['whenTerminal']>>;

export interface ClusterRun {
  details: JobDetails;
  seconds: number;
  /** Peak of the TaskManager processes' summed RSS while the job ran. */
  peakRssBytes: number;
  /** TaskManagers that ran at least one of the job's subtasks. */
  taskManagersUsed: Set<string>;
}

export async function runOnFreshCluster(options: Required<Pick<LocalClusterOptions, 'taskManagers' | 'slotsPerTaskManager'>>, jobGraph: JobGraph): Promise<ClusterRun> {
  const cluster = await LocalCluster.start(options);
  try {
    const taskManagersUsed = new Set<string>();
    const stopListening = cluster.onEvent((event) => {
      if (event.type === 'slot.allocated') taskManagersUsed.add(event.taskManagerId);
    });
    const sampler = new RssSampler(cluster.taskManagers().map((tm) => tm.pid));
    const { result: details, seconds } = await timed(() => cluster.submitJob(jobGraph).whenTerminal());
    const peakRssBytes = sampler.stop();
    stopListening();
    if (details.status !== 'FINISHED') throw new Error(`job "${jobGraph.name}" ended ${details.status}: ${details.failure?.stack ?? 'no failure reported'}`);
    return { details, seconds, peakRssBytes, taskManagersUsed };
  } finally {
    await cluster.shutdown();
  }
}

/** Records that entered a vertex's subtasks, per the tasks' final metrics. */
export function recordsInto(details: JobDetails, vertexId: string): number {
  return details.subtasks.filter((s) => s.vertexId === vertexId).reduce((n, s) => n + s.recordsIn, 0);
}
