/**
 * `sluice run JOB.json`: a fresh local cluster (real TaskManager processes), one job run to its end, then the
 * cluster is shut down. Collect sinks land in DIR/<sink id>.ndjson in arrival order; `--events` records every
 * runtime event as it happens (metrics uncoalesced); stdout gets the final JSON summary only, so a script can
 * parse it, and sink.print lines go to stderr. `--kill-taskmanager-after MS` SIGKILLs a TaskManager of the job MS
 * after it is running (§7 Recovery) and says which on stderr; the summary counts the job's restarts and checkpoints
 * and lists its exceptions.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalCluster } from '@sluice/cluster';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { CheckpointingStatistics, JobDetails, JobExceptionsInfo } from '@sluice/protocol';
import { UsageError } from '../args.js';
import { NdjsonFile, ndjsonLine } from './ndjson-file.js';
import { killTaskManagerAfter, type KilledTaskManager } from './taskmanager-killer.js';
import { loadValidJobGraph } from './validate-command.js';

/** heartbeat.timeout's default in Flink. */
const FLINK_HEARTBEAT_TIMEOUT_MS = 50_000;
/** Slots per TaskManager when the command line does not say, unless the job needs more. */
const DEFAULT_SLOTS_PER_TASKMANAGER = 2;

export interface RunOptions {
  jobPath: string | undefined;
  taskManagers: number;
  /** --slots-per-taskmanager; undefined: enough for the job (slotsPerTaskManagerFor). */
  slotsPerTaskManager: number | undefined;
  outputDir: string | undefined;
  eventsFile: string | undefined;
  /** --kill-taskmanager-after: SIGKILL a TaskManager of the job this many ms after it is running. */
  killTaskManagerAfterMs?: number | undefined;
}

/** Per collect sink: how many records arrived and the file they were written to (null without --output). */
export type SinkFiles = Record<string, { records: number; file: string | null }>;

interface RunSummary {
  jobId: string;
  name: string;
  status: JobDetails['status'];
  startTime: number;
  endTime: number | null;
  durationMs: number | null;
  taskManagers: number;
  slotsPerTaskManager: number;
  sinks: SinkFiles;
  failure: JobDetails['failure'];
  /** How often the restart strategy restarted the job (§7 Restart strategies). */
  restarts: number;
  /** The job's failures, newest first, as GET /jobs/:id/exceptions (stacks left out; `failure` has the final one's). */
  exceptions: Omit<JobExceptionsInfo['entries'][number], 'stack'>[];
  checkpoints: CheckpointingStatistics['counts'];
  /** Only with --kill-taskmanager-after: the TaskManager killed, or null when the job ended first. */
  killedTaskManager?: KilledTaskManager | null;
}

export async function runCommand(options: RunOptions): Promise<number> {
  const jobGraph = await loadValidJobGraph(options.jobPath);
  if (!jobGraph) return 1;
  if (options.outputDir !== undefined) await createOutputDir(options.outputDir);
  const events = options.eventsFile === undefined ? undefined : await NdjsonFile.open(options.eventsFile, '--events');
  const slotsPerTaskManager = options.slotsPerTaskManager ?? slotsPerTaskManagerFor(jobGraph, options.taskManagers);

  // Listening from the start, so --events gets the TaskManagers' registrations too.
  let listening = true;
  // Flink's heartbeat.timeout (50 s) rather than the local cluster's 5 s, which is there so the UI's Freeze shows in
  // seconds: deploying a few dozen tasks starts as many worker threads, which can starve a TaskManager's heartbeats
  // for longer than 5 s on a small machine and failed such a job with nothing wrong. A killed TaskManager is still
  // noticed at once, by its process exit.
  const cluster = await LocalCluster.start({
    taskManagers: options.taskManagers,
    slotsPerTaskManager,
    heartbeatTimeoutMs: FLINK_HEARTBEAT_TIMEOUT_MS,
    onEvent: (event) => {
      if (!listening) return;
      events?.write(event);
      if (event.type === 'sink.print') process.stderr.write(`${event.line}\n`);
    },
  });
  // Ctrl-C cancels the job; the summary then says CANCELED and the cluster still shuts down cleanly.
  let cancel: () => void = () => undefined;
  process.on('SIGINT', () => cancel()).on('SIGTERM', () => cancel());
  try {
    const job = cluster.submitJob(jobGraph);
    cancel = () => void cluster.cancelJob(job.jobId).catch(() => undefined);
    const killAfter = options.killTaskManagerAfterMs;
    const killer =
      killAfter === undefined
        ? undefined
        : killTaskManagerAfter(cluster, job, killAfter, (line) => process.stderr.write(`sluice: ${line}\n`));
    const details = await job.whenTerminal();
    killer?.stop();
    const exceptions = job.exceptions();
    const sinks = await writeSinks(details.sinks, options.outputDir);
    const summary: RunSummary = {
      jobId: details.jobId,
      name: details.name,
      status: details.status,
      startTime: details.startTime,
      endTime: details.endTime,
      durationMs: details.endTime === null ? null : details.endTime - details.startTime,
      taskManagers: options.taskManagers,
      slotsPerTaskManager,
      sinks,
      failure: details.failure,
      restarts: exceptions.restarts,
      exceptions: exceptions.entries.map(({ stack: _stack, ...entry }) => entry),
      checkpoints: job.checkpointStatistics().counts,
      ...(killer && { killedTaskManager: killer.killed ?? null }),
    };
    console.log(JSON.stringify(summary, null, 2));
    return details.status === 'FINISHED' ? 0 : 1;
  } finally {
    await cluster.shutdown();
    listening = false;
    await events?.close();
  }
}

/**
 * As Flink's local execution gives its MiniCluster as many slots as the job needs (§2 Slot sharing: Σ over slot
 * sharing groups of the largest parallelism), a run without --slots-per-taskmanager spreads the job's slots over
 * the TaskManagers, at least 2 each; a job of parallelism 5 would otherwise wait for slots that never come.
 */
export function slotsPerTaskManagerFor(jobGraph: JobGraph, taskManagers: number): number {
  return Math.max(DEFAULT_SLOTS_PER_TASKMANAGER, Math.ceil(planExecutionGraph(jobGraph).slotsRequired / taskManagers));
}

export async function createOutputDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(
      `--output: cannot create directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

/** Each collect sink's records to DIR/<sink id>.ndjson in arrival order. */
export async function writeSinks(
  records: Record<string, unknown[]>,
  outputDir: string | undefined,
): Promise<SinkFiles> {
  const sinks: SinkFiles = {};
  for (const [sinkId, values] of Object.entries(records)) {
    const file = outputDir === undefined ? null : join(outputDir, `${sinkId}.ndjson`);
    if (file !== null) await writeFile(file, values.map(ndjsonLine).join(''));
    sinks[sinkId] = { records: values.length, file };
  }
  return sinks;
}
