/**
 * `coProcess` {fn1, fn2, onTimer?}: Flink's CoProcessOperator, and KeyedCoProcessOperator when both inputs are hash
 * edges. It is the process function's operator (ProcessOperator: ctx, keyed state, timers, side outputs, snapshots)
 * with a second input: input 1 runs fn1 keyed by its edge's selector, input 2 runs fn2 keyed by its own, over the
 * same keyed state and timers. Timers fire when the minimum of the two inputs' watermarks reaches them.
 */
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import type { StreamRecord, Watermark, WatermarkStatus } from '../../elements/stream-element.js';
import type { UserFunction } from '../../functions/user-function.js';
import type { KeySelector } from '../keyed/stream-grouped-reduce-operator.js';
import type { ProcessOperator } from '../process/process-operator.js';
import type { CheckpointedOperator, OperatorInspection, TwoInputStreamOperator } from '../stream-operator.js';
import { TwoInputWatermarks } from './two-input-watermarks.js';

/** What input 2 adds to the process operator that runs input 1. */
export interface SecondInput {
  processElement: UserFunction;
  /** Undefined on non-keyed inputs. */
  keySelector: KeySelector | undefined;
}

export class CoProcessOperator implements TwoInputStreamOperator, CheckpointedOperator {
  private readonly watermarks: TwoInputWatermarks;

  constructor(
    private readonly process: ProcessOperator,
    private readonly second: SecondInput,
  ) {
    this.watermarks = new TwoInputWatermarks({
      emitWatermark: (watermark) => process.processWatermark(watermark),
      emitWatermarkStatus: (status) => process.processWatermarkStatus(status),
    });
  }

  initializeState(state: OperatorSubtaskState): void {
    this.process.initializeState(state);
  }

  snapshotState(): OperatorSubtaskState {
    return this.process.snapshotState();
  }

  processElement1(record: StreamRecord): void {
    this.process.processElement(record);
  }

  processElement2(record: StreamRecord): void {
    this.process.processWith(record, this.second.processElement, this.second.keySelector);
  }

  processWatermark1(watermark: Watermark): void {
    this.watermarks.inputWatermark(1, watermark);
  }

  processWatermark2(watermark: Watermark): void {
    this.watermarks.inputWatermark(2, watermark);
  }

  processWatermarkStatus1(status: WatermarkStatus): void {
    this.watermarks.inputWatermarkStatus(1, status);
  }

  processWatermarkStatus2(status: WatermarkStatus): void {
    this.watermarks.inputWatermarkStatus(2, status);
  }

  open(): void {
    this.process.open();
  }

  finish(): void {
    this.process.finish();
  }

  close(): void {
    this.process.close();
  }

  inspect(): OperatorInspection {
    return this.process.inspect();
  }
}
