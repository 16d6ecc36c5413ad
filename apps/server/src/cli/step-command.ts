/**
 * `sluice run JOB.json --step`: the job in the deterministic step session (packages/engine src/step) instead of on
 * a cluster — one element moved per step, in the order the seed gives, so the same seed gives the same run. The
 * session runs on a worker thread; this thread writes what it reports: each StepEvent as a line of --events, the
 * collect sinks to DIR/<sink id>.ndjson as `run` does, and the summary `{status, steps, seed, ...}` on stdout.
 */
import { Worker } from 'node:worker_threads';
import type { StepResult } from '@sluice/engine';
import { UsageError } from '../args.js';
import { NdjsonFile } from './ndjson-file.js';
import { createOutputDir, writeSinks, type SinkFiles } from './run-command.js';
import type { StepWorkerData, StepWorkerMessage } from './step-protocol.js';
import { loadValidJobGraph } from './validate-command.js';

export interface StepRunOptions {
  jobPath: string | undefined;
  seed: number;
  /** Moves the virtual processing time of timers and windows by this many ms before every step. */
  processingTimeStepMs: number;
  taskManagers: number | undefined;
  slotsPerTaskManager: number | undefined;
  outputDir: string | undefined;
  eventsFile: string | undefined;
}

interface StepRunSummary {
  name: string;
  status: StepResult['status'];
  steps: number;
  seed: number;
  sinks: SinkFiles;
  failure: StepResult['failure'] | null;
}

export async function stepRunCommand(options: StepRunOptions): Promise<number> {
  const jobGraph = await loadValidJobGraph(options.jobPath);
  if (!jobGraph) return 1;
  if (options.outputDir !== undefined) await createOutputDir(options.outputDir);
  const events = options.eventsFile === undefined ? undefined : await NdjsonFile.open(options.eventsFile, '--events');
  try {
    const data: StepWorkerData = {
      jobGraph,
      options: {
        seed: options.seed,
        processingTimeStepMs: options.processingTimeStepMs,
        ...(options.taskManagers !== undefined && { taskManagers: options.taskManagers }),
        ...(options.slotsPerTaskManager !== undefined && { slotsPerTaskManager: options.slotsPerTaskManager }),
      },
      withEvents: events !== undefined,
    };
    const { steps, result } = await runStepWorker(data, (message) => {
      for (const event of message.events) events?.write(event);
    });
    for (const line of result.printed) process.stderr.write(`${line}\n`);
    const summary: StepRunSummary = {
      name: jobGraph.name,
      status: result.status,
      steps,
      seed: options.seed,
      sinks: await writeSinks(result.sinks, options.outputDir),
      failure: result.failure ?? null,
    };
    console.log(JSON.stringify(summary, null, 2));
    return result.status === 'FINISHED' ? 0 : 1;
  } finally {
    await events?.close();
  }
}

function runStepWorker(
  data: StepWorkerData,
  onEvents: (message: Extract<StepWorkerMessage, { type: 'events' }>) => void,
): Promise<Extract<StepWorkerMessage, { type: 'result' }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./step-worker.js', import.meta.url), { workerData: data });
    let outcome: Extract<StepWorkerMessage, { type: 'result' }> | undefined;
    worker.on('message', (message: StepWorkerMessage) => {
      if (message.type === 'events') onEvents(message);
      else if (message.type === 'result') outcome = message;
      else reject(new UsageError(`--step: ${message.message}`, 1));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (outcome) resolve(outcome);
      else reject(new UsageError(`--step: the step worker exited with code ${code} before the job ended`, 1));
    });
  });
}
