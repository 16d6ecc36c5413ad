/**
 * Flink's TimestampsAndWatermarksOperator.WatermarkEmitter [TWO][WTDO]: the WatermarkOutput behind a generator.
 * It drops every watermark ≤ the last one emitted (so MIN_TIMESTAMP is never emitted), and turns idleness
 * into WatermarkStatus changes, sending each status only when it changes.
 */
import { watermark as watermarkElement } from '../elements/stream-element.js';
import type { Output } from '../operators/stream-operator.js';
import { MIN_TIMESTAMP } from './timestamps.js';
import type { WatermarkOutput } from './watermark-generators.js';

export class WatermarkEmitter implements WatermarkOutput {
  private current = MIN_TIMESTAMP;
  private idle = false;

  constructor(private readonly output: Pick<Output, 'emitWatermark' | 'emitWatermarkStatus'>) {}

  emitWatermark(watermark: number): void {
    if (watermark <= this.current) return;
    this.current = watermark;
    this.markActive();
    this.output.emitWatermark(watermarkElement(watermark));
  }

  markIdle(): void {
    if (this.idle) return;
    this.idle = true;
    this.output.emitWatermarkStatus({ kind: 'watermarkStatus', idle: true });
  }

  markActive(): void {
    if (!this.idle) return;
    this.idle = false;
    this.output.emitWatermarkStatus({ kind: 'watermarkStatus', idle: false });
  }
}
