/**
 * `sluice run JOB.json`: a fresh local cluster (real TaskManager processes), one job run to its end, then the
 * cluster is shut down. Collect sinks land in DIR/<sink id>.ndjson in arrival order; `--events` records every
 * runtime event as it happens (metrics uncoalesced); stdout gets the final JSON summary only, so a script can
 * parse it, and sink.print lines go to stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalCluster } from '@sluice/cluster';
import type { JobDetails } from '@sluice/protocol';
import { UsageError } from '../args.js';
import { NdjsonFile, ndjsonLine } from './ndjson-file.js';
import { loadValidJobGraph } from './validate-command.js';

export interface RunOptions {
  jobPath: string | undefined;
  taskManagers: number;
  slotsPerTaskManager: number;
  outputDir: string | undefined;
  eventsFile: string | undefined;
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
}

export async function runCommand(options: RunOptions): Promise<number> {
  const jobGraph = await loadValidJobGraph(options.jobPath);
  if (!jobGraph) return 1;
  if (options.outputDir !== undefined) await createOutputDir(options.outputDir);
  const events = options.eventsFile === undefined ? undefined : await NdjsonFile.open(options.eventsFile, '--events');

  const cluster = await LocalCluster.start({ taskManagers: options.taskManagers, slotsPerTaskManager: options.slotsPerTaskManager });
  const stopListening = cluster.onEvent((event) => {
    events?.write(event);
    if (event.type === 'sink.print') process.stderr.write(`${event.line}\n`);
  });
  // Ctrl-C cancels the job; the summary then says CANCELED and the cluster still shuts down cleanly.
  let cancel: () => void = () => undefined;
  process.on('SIGINT', () => cancel()).on('SIGTERM', () => cancel());
  try {
    const job = cluster.submitJob(jobGraph);
    cancel = () => void cluster.cancelJob(job.jobId).catch(() => undefined);
    const details = await job.whenTerminal();
    const sinks = await writeSinks(details.sinks, options.outputDir);
    const summary: RunSummary = {
      jobId: details.jobId,
      name: details.name,
      status: details.status,
      startTime: details.startTime,
      endTime: details.endTime,
      durationMs: details.endTime === null ? null : details.endTime - details.startTime,
      taskManagers: options.taskManagers,
      slotsPerTaskManager: options.slotsPerTaskManager,
      sinks,
      failure: details.failure,
    };
    console.log(JSON.stringify(summary, null, 2));
    return details.status === 'FINISHED' ? 0 : 1;
  } finally {
    await cluster.shutdown();
    stopListening();
    await events?.close();
  }
}

export async function createOutputDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--output: cannot create directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Each collect sink's records to DIR/<sink id>.ndjson in arrival order. */
export async function writeSinks(records: Record<string, unknown[]>, outputDir: string | undefined): Promise<SinkFiles> {
  const sinks: SinkFiles = {};
  for (const [sinkId, values] of Object.entries(records)) {
    const file = outputDir === undefined ? null : join(outputDir, `${sinkId}.ndjson`);
    if (file !== null) await writeFile(file, values.map(ndjsonLine).join(''));
    sinks[sinkId] = { records: values.length, file };
  }
  return sinks;
}
