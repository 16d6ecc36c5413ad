/**
 * A source with its own watermark strategy (the `watermarks` param of a source; Flink's
 * `env.fromSource(source, watermarkStrategy, name)`): the source's records pass through a
 * TimestampsAndWatermarksOperator inside the source operator itself, so the task's first output already carries
 * timestamps and watermarks, and each source subtask's watermark follows its own records only.
 */
import type { TimestampsAndWatermarksOperator } from '../../time/timestamps-and-watermarks-operator.js';
import type { InputStatus, Output, SourceOperator } from '../stream-operator.js';

export class SourceWithWatermarks implements SourceOperator {
  constructor(
    private readonly source: SourceOperator,
    private readonly watermarks: TimestampsAndWatermarksOperator,
  ) {}

  emitNext(maxRecords?: number): InputStatus {
    return this.source.emitNext(maxRecords);
  }

  open(): void {
    this.watermarks.open();
    this.source.open();
  }

  finish(): void {
    this.source.finish();
    this.watermarks.finish();
  }

  close(): void {
    try {
      this.source.close();
    } finally {
      this.watermarks.close();
    }
  }
}

/** The Output a source writes into when its watermark strategy comes first: everything goes to that operator. */
export function watermarksInput(watermarks: TimestampsAndWatermarksOperator, operatorId: string): Output {
  return {
    collect: (record) => watermarks.processElement(record),
    collectSideOutput: (tag) => {
      throw new Error(`operator "${operatorId}": a source has no side output "${tag}"`);
    },
    emitWatermark: (watermark) => watermarks.processWatermark(watermark),
    emitWatermarkStatus: () => watermarks.processWatermarkStatus(),
  };
}
