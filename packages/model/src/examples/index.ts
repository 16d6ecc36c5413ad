/** The built-in examples, in the order the editor lists them; `wordcount` is the one it opens at start. */
import type { ExampleJob } from './example-job.js';
import { backpressureSlowSink } from './backpressure-slow-sink.js';
import { figure32 } from './figure-3-2.js';
import { idlePartition } from './idle-partition.js';
import { keySkew } from './key-skew.js';
import { outOfOrderTumbling } from './out-of-order-tumbling.js';
import { sessionMerge } from './session-merge.js';
import { slowSourceHoldsWatermark } from './slow-source-holds-watermark.js';
import { wordcount } from './wordcount.js';

export type { ExampleJob, LocalizedText } from './example-job.js';

export const EXAMPLES: ExampleJob[] = [
  wordcount,
  figure32,
  backpressureSlowSink,
  keySkew,
  outOfOrderTumbling,
  slowSourceHoldsWatermark,
  idlePartition,
  sessionMerge,
];

export function exampleById(id: string): ExampleJob | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
