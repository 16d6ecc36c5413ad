/**
 * The step session of `sluice run --step`, on a worker thread: user functions run here, never in the CLI's main
 * thread (CONTRIBUTING: user functions run only inside workers). Bundled as dist/step-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Heartbeat, nodeFileSystem } from '@sluice/cluster';
import { createStepSession, type StepEvent } from '@sluice/engine';
import type { StepWorkerData, StepWorkerMessage } from './step-protocol.js';

const EVENTS_PER_MESSAGE = 1024;

function post(message: StepWorkerMessage): void {
  parentPort!.postMessage(message);
}

function run({ jobGraph, options, withEvents, heartbeat }: StepWorkerData): void {
  const beating = new Heartbeat(heartbeat);
  // The first beat starts the watch: compiling the user functions is user code too.
  beating.beat();
  // The files of sink.file and source.file, as a TaskManager's tasks have them.
  const session = createStepSession(jobGraph, options, { fileSystem: nodeFileSystem });
  let batch: StepEvent[] = [];
  for (let event = session.step(); event !== null; event = session.step()) {
    // Steps run back to back, never yielding to the event loop: each one beats, so only a step stuck in a call
    // that does not return (a user function's endless loop) stops the beat.
    beating.beat();
    if (!withEvents) continue;
    batch.push(event);
    if (batch.length === EVENTS_PER_MESSAGE) {
      post({ type: 'events', events: batch });
      batch = [];
    }
  }
  if (batch.length > 0) post({ type: 'events', events: batch });
  post({ type: 'result', steps: session.stepCount, result: session.result() });
}

try {
  run(workerData as StepWorkerData);
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
