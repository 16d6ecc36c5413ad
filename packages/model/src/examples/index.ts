/** The built-in examples, in the order the editor lists them; `wordcount` is the one it opens at start. */
import type { ExampleJob } from './example-job.js';
import { backpressureSlowSink } from './backpressure-slow-sink.js';
import { figure32 } from './figure-3-2.js';
import { fraudDetection } from './fraud-detection.js';
import { idlePartition } from './idle-partition.js';
import { keySkew } from './key-skew.js';
import { keyedStateCheckpoints } from './keyed-state-checkpoints.js';
import { outOfOrderTumbling } from './out-of-order-tumbling.js';
import { recovery } from './recovery.js';
import { savepointRescaling } from './savepoint-rescaling.js';
import { sessionMerge } from './session-merge.js';
import { slowSourceHoldsWatermark } from './slow-source-holds-watermark.js';
import { taskChaining } from './task-chaining.js';
import { wordcount } from './wordcount.js';

export type { ExampleJob, LocalizedText } from './example-job.js';

export const EXAMPLES: ExampleJob[] = [
  wordcount,
  figure32,
  taskChaining,
  backpressureSlowSink,
  keySkew,
  outOfOrderTumbling,
  slowSourceHoldsWatermark,
  idlePartition,
  sessionMerge,
  fraudDetection,
  keyedStateCheckpoints,
  recovery,
  savepointRescaling,
];

export function exampleById(id: string): ExampleJob | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
