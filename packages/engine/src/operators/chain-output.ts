/**
 * The Output behind one operator of a chain. The general one (Flink's RecordWriterOutput and
 * BroadcastingOutputCollector in one): records go to the chained successors and to the operator's result
 * partitions; side-output records only to the chained successors and partitions of their tag (Flink's
 * ChainingOutput with an OutputTag); event time to all of them. The common
 * case, one chained successor and nothing else, gets Flink's ChainingOutput: a direct call per record.
 */
import type { StreamRecord, Watermark, WatermarkStatus } from '../elements/stream-element.js';
import type { SimpleCounter } from '../metrics/simple-counter.js';
import type { OneInputStreamOperator, Output } from './stream-operator.js';

/** The Output for an operator with these targets: ChainingOutput when it feeds one chained successor only. */
export function chainOutputFor(targets: ChainOutputTargets, recordsOut: SimpleCounter): Output {
  const [successor] = targets.successors;
  const onlyOneSuccessor =
    targets.successors.length === 1 &&
    targets.partitions.length === 0 &&
    targets.sideOutputs.size === 0 &&
    targets.sideOutputSuccessors.size === 0;
  return onlyOneSuccessor && successor ? new ChainingOutput(successor) : new ChainOutput(targets, recordsOut);
}

/**
 * Flink's ChainingOutput: the record goes straight into the one successor, with nothing to count (it stays in
 * the chain) and no loop, as this is the path of every record through a linear chain.
 */
export class ChainingOutput implements Output {
  /** `declare`d and set in the constructor, so V8 takes it for a constant (see giveOwnCode). */
  declare private readonly successor: OneInputStreamOperator;

  /**
   * The successor's processElement itself, bound to it: a record goes from one operator straight into the next.
   * (A successor with code of its own needs no binding, its copy closes over it; binding costs V8 nothing then.)
   */
  declare readonly collect: (record: StreamRecord) => void;

  constructor(successor: OneInputStreamOperator) {
    this.successor = successor;
    this.collect = successor.processElement.bind(successor);
  }

  /** No edge carries a side output of this operator, so such a record goes nowhere (as in ChainOutput). */
  collectSideOutput(): void {}

  emitWatermark(watermark: Watermark): void {
    this.successor.processWatermark(watermark);
  }

  emitWatermarkStatus(status: WatermarkStatus): void {
    this.successor.processWatermarkStatus(status);
  }
}

export interface ChainOutputTargets {
  successors: OneInputStreamOperator[];
  /** Partitions fed by the operator's main output. */
  partitions: Output[];
  /** Partitions fed by a side output, by tag. */
  sideOutputs: ReadonlyMap<string, Output[]>;
  /** Chained operators fed by a side output, by tag. */
  sideOutputSuccessors: ReadonlyMap<string, OneInputStreamOperator[]>;
}

export class ChainOutput implements Output {
  constructor(
    private readonly targets: ChainOutputTargets,
    /** Counts records that leave the chain into a partition (the task's recordsOut). */
    private readonly recordsOut: SimpleCounter,
  ) {}

  collect(record: StreamRecord): void {
    const { partitions, successors } = this.targets;
    if (partitions.length > 0) {
      for (const partition of partitions) partition.collect(record);
      this.recordsOut.inc(partitions.length);
    }
    forkTo(successors, record);
  }

  collectSideOutput(tag: string, record: StreamRecord): void {
    const partitions = this.targets.sideOutputs.get(tag) ?? [];
    for (const partition of partitions) partition.collectSideOutput(tag, record);
    this.recordsOut.inc(partitions.length);
    forkTo(this.targets.sideOutputSuccessors.get(tag) ?? [], record);
  }

  emitWatermark(watermark: Watermark): void {
    for (const partition of this.allPartitions()) partition.emitWatermark(watermark);
    for (const successor of this.allSuccessors()) successor.processWatermark(watermark);
  }

  emitWatermarkStatus(status: WatermarkStatus): void {
    for (const partition of this.allPartitions()) partition.emitWatermarkStatus(status);
    for (const successor of this.allSuccessors()) successor.processWatermarkStatus(status);
  }

  private *allPartitions(): Iterable<Output> {
    yield* this.targets.partitions;
    for (const partitions of this.targets.sideOutputs.values()) yield* partitions;
  }

  private *allSuccessors(): Iterable<OneInputStreamOperator> {
    yield* this.targets.successors;
    for (const successors of this.targets.sideOutputSuccessors.values()) yield* successors;
  }
}

/**
 * Objects pass between chained operators directly. On a fork each branch but the last gets its own copy, as Flink's
 * copying chaining output does, so a function mutating its input cannot change what a sibling sees. Indexed loops,
 * not forEach: this runs per record per operator, and a closure per call is measurable there.
 */
function forkTo(successors: readonly OneInputStreamOperator[], record: StreamRecord): void {
  const last = successors.length - 1;
  for (let i = 0; i < last; i++) successors[i]!.processElement(structuredClone(record));
  if (last >= 0) successors[last]!.processElement(record);
}
