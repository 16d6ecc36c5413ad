/** `sink.discard`: Flink's DiscardingSink, the end of a pipeline whose work is its side effects or its metrics. */
import type { OneInputStreamOperator } from '../stream-operator.js';

export class DiscardSink implements OneInputStreamOperator {
  processElement(): void {}
  processWatermark(): void {}
  processWatermarkStatus(): void {}
  open(): void {}
  finish(): void {}
  close(): void {}
}
