/**
 * Flink's RecordWriterOutput: the Output a chain's operator pushes into when the next operator runs in
 * another task. Records take the partition's channel selection; watermarks and watermark statuses go to
 * every channel, so each consumer's StatusWatermarkValve hears from every producer.
 */
import type { StreamRecord, Watermark, WatermarkStatus } from '../elements/stream-element.js';
import type { Output } from '../operators/stream-operator.js';
import type { ResultPartition } from './result-partition.js';

export class RecordWriter implements Output {
  constructor(private readonly partition: ResultPartition) {}

  collect(record: StreamRecord): void {
    this.partition.emitRecord(record);
  }

  /** The chain routes a side output to the partitions of that tag; this writer feeds exactly one edge. */
  collectSideOutput(tag: string, record: StreamRecord): void {
    const own = this.partition.descriptor.sideOutput;
    if (tag !== own) {
      throw new Error(
        `edge e${this.partition.descriptor.edgeIndex} carries ${own === undefined ? 'the main output' : `side output "${own}"`}, not side output "${tag}"`,
      );
    }
    this.partition.emitRecord(record);
  }

  emitWatermark(watermark: Watermark): void {
    this.partition.broadcastElement(watermark);
  }

  emitWatermarkStatus(status: WatermarkStatus): void {
    this.partition.broadcastElement(status);
  }
}
