/** What the step worker thread and `sluice run --step` say to each other. */
import type { StepEvent, StepResult, StepSessionOptions } from '@sluice/engine';
import type { JobGraph } from '@sluice/model';

export interface StepWorkerData {
  jobGraph: JobGraph;
  options: StepSessionOptions;
  /** Whether the main thread wants every StepEvent (--events); without it the worker only counts them. */
  withEvents: boolean;
  /** The Heartbeat the worker beats once a step, read by the main thread's StallWatchdog. */
  heartbeat: SharedArrayBuffer;
}

export type StepWorkerMessage =
  /** StepEvents in order, a batch at a time so a long job does not cost a message per step. */
  | { type: 'events'; events: StepEvent[] }
  | { type: 'result'; steps: number; result: StepResult }
  /** The session itself could not run the job (as opposed to the job failing, which is a result). */
  | { type: 'error'; message: string };
