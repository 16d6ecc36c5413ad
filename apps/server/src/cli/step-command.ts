/**
 * `sluice run JOB.json --step`: the job in the deterministic step session (packages/engine src/step) instead of on
 * a cluster — one element moved per step, in the order the seed gives, so the same seed gives the same run. The
 * session runs on a worker thread; this thread writes what it reports: each StepEvent as a line of --events, the
 * collect sinks to DIR/<sink id>.ndjson as `run` does, and the summary `{status, steps, seed, ...}` on stdout.
 */
import { Worker } from 'node:worker_threads';
import { allocateHeartbeat, StallWatchdog, systemTimerService } from '@sluice/cluster';
import type { StepResult } from '@sluice/engine';
import { DEFAULT_TASK_HEAP_SIZE_MB, DEFAULT_USER_FUNCTION_TIMEOUT_MS } from '@sluice/model';
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
    const data: Omit<StepWorkerData, 'heartbeat'> = {
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

/**
 * The session's thread runs user code, so it gets the limits a task thread gets (issue 11): an empty environment,
 * config.taskHeapSizeMb of heap for the whole session, and config.userFunctionTimeoutMs for one step.
 */
function runStepWorker(
  data: Omit<StepWorkerData, 'heartbeat'>,
  onEvents: (message: Extract<StepWorkerMessage, { type: 'events' }>) => void,
): Promise<Extract<StepWorkerMessage, { type: 'result' }>> {
  const heapSizeMb = data.jobGraph.config?.taskHeapSizeMb ?? DEFAULT_TASK_HEAP_SIZE_MB;
  const timeoutMs = data.jobGraph.config?.userFunctionTimeoutMs ?? DEFAULT_USER_FUNCTION_TIMEOUT_MS;
  // One step moves one record, which may pass every operator slowed on purpose (slowdownMs): not a stall.
  const slowdownMs = data.jobGraph.operators.reduce((sum, operator) => sum + (operator.slowdownMs ?? 0), 0);
  const heartbeat = allocateHeartbeat();
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./step-worker.js', import.meta.url), {
      workerData: { ...data, heartbeat } satisfies StepWorkerData,
      env: {},
      resourceLimits: { maxOldGenerationSizeMb: heapSizeMb },
    });
    const watchdog = new StallWatchdog(systemTimerService, heartbeat, timeoutMs + slowdownMs, () => {
      reject(
        new UsageError(
          `--step: a step did not return within ${timeoutMs} ms (config.userFunctionTimeoutMs): the session was stopped`,
          1,
        ),
      );
      void worker.terminate();
    });
    let outcome: Extract<StepWorkerMessage, { type: 'result' }> | undefined;
    worker.on('message', (message: StepWorkerMessage) => {
      if (message.type === 'events') onEvents(message);
      else if (message.type === 'result') outcome = message;
      else reject(new UsageError(`--step: ${message.message}`, 1));
    });
    worker.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new UsageError(
              `--step: the job ran out of heap: its session may use ${heapSizeMb} MB (config.taskHeapSizeMb)`,
              1,
            )
          : error,
      ),
    );
    worker.on('exit', (code) => {
      watchdog.stop();
      if (outcome) resolve(outcome);
      else reject(new UsageError(`--step: the step worker exited with code ${code} before the job ended`, 1));
    });
  });
}
