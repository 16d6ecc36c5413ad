/**
 * The Output behind one operator of a chain (Flink's ChainingOutput, RecordWriterOutput and
 * BroadcastingOutputCollector in one): records go to the chained successors and to the operator's result
 * partitions; side-output records only to the partitions of their tag; event time to all of them.
 */
import type { StreamRecord, Watermark, WatermarkStatus } from '../elements/stream-element.js';
import type { OneInputStreamOperator, Output } from './stream-operator.js';

export interface ChainOutputTargets {
  successors: OneInputStreamOperator[];
  /** Partitions fed by the operator's main output. */
  partitions: Output[];
  /** Partitions fed by a side output, by tag. */
  sideOutputs: ReadonlyMap<string, Output[]>;
}

export class ChainOutput implements Output {
  constructor(
    private readonly targets: ChainOutputTargets,
    /** Counts records that leave the chain into a partition (the task's recordsOut). */
    private readonly countRecordsOut: (n: number) => void,
  ) {}

  collect(record: StreamRecord): void {
    const { partitions, successors } = this.targets;
    if (partitions.length > 0) {
      for (const partition of partitions) partition.collect(record);
      this.countRecordsOut(partitions.length);
    }
    // Objects pass between chained operators directly. On a fork each branch but the last gets its own copy, as
    // Flink's copying chaining output does, so a function mutating its input cannot change what a sibling sees.
    // Indexed loops, not forEach: this runs per record per operator, and a closure per call is measurable there.
    const last = successors.length - 1;
    for (let i = 0; i < last; i++) successors[i]!.processElement(structuredClone(record));
    if (last >= 0) successors[last]!.processElement(record);
  }

  collectSideOutput(tag: string, record: StreamRecord): void {
    const partitions = this.targets.sideOutputs.get(tag) ?? [];
    for (const partition of partitions) partition.collectSideOutput(tag, record);
    this.countRecordsOut(partitions.length);
  }

  emitWatermark(watermark: Watermark): void {
    for (const partition of this.allPartitions()) partition.emitWatermark(watermark);
    for (const successor of this.targets.successors) successor.processWatermark(watermark);
  }

  emitWatermarkStatus(status: WatermarkStatus): void {
    for (const partition of this.allPartitions()) partition.emitWatermarkStatus(status);
    for (const successor of this.targets.successors) successor.processWatermarkStatus(status);
  }

  private *allPartitions(): Iterable<Output> {
    yield* this.targets.partitions;
    for (const partitions of this.targets.sideOutputs.values()) yield* partitions;
  }
}
