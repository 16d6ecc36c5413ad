/**
 * `coMap` and `coFlatMap` {fn1, fn2}: Flink's CoStreamMap and CoStreamFlatMap. Records of input 1 go through fn1,
 * those of input 2 through fn2, each as the one-input map or flatMap would, into the one output; the watermark
 * going on is the minimum of the two inputs'.
 */
import type { StreamRecord, Watermark, WatermarkStatus } from '../../elements/stream-element.js';
import type { OneInputStreamOperator, Output, TwoInputStreamOperator } from '../stream-operator.js';
import { TwoInputWatermarks } from './two-input-watermarks.js';

export class CoMapOperator implements TwoInputStreamOperator {
  private readonly watermarks: TwoInputWatermarks;

  /** `first` and `second` are stateless map or flatMap operators emitting into `output`. */
  constructor(
    private readonly first: OneInputStreamOperator,
    private readonly second: OneInputStreamOperator,
    output: Output,
  ) {
    this.watermarks = new TwoInputWatermarks(output);
  }

  processElement1(record: StreamRecord): void {
    this.first.processElement(record);
  }

  processElement2(record: StreamRecord): void {
    this.second.processElement(record);
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

  open(): void {}
  finish(): void {}
  close(): void {}
}
