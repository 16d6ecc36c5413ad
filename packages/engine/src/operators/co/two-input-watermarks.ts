/**
 * Flink's AbstractStreamOperator#processWatermark1/2 with its CombinedWatermarkStatus: a two-input operator's event
 * time is the minimum of its two inputs' watermarks, emitted when it advances; an idle input leaves the minimum and
 * the operator is idle when both inputs are. That is the valve's rule (§5 Per-channel valve) over two "channels",
 * one per input, so the valve does it.
 */
import type { Watermark, WatermarkStatus } from '../../elements/stream-element.js';
import { StatusWatermarkValve, type ValveOutput } from '../../time/status-watermark-valve.js';

export type InputIndex = 1 | 2;

export class TwoInputWatermarks {
  private readonly valve: StatusWatermarkValve;

  constructor(combined: ValveOutput) {
    this.valve = new StatusWatermarkValve(2, combined);
  }

  inputWatermark(input: InputIndex, watermark: Watermark): void {
    this.valve.inputWatermark(watermark, input - 1);
  }

  inputWatermarkStatus(input: InputIndex, status: WatermarkStatus): void {
    this.valve.inputWatermarkStatus(status, input - 1);
  }
}
