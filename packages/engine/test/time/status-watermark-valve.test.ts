import { describe, expect, it } from 'vitest';
import { watermark, type Watermark, type WatermarkStatus } from '../../src/elements/stream-element.js';
import { StatusWatermarkValve } from '../../src/time/status-watermark-valve.js';

const idle: WatermarkStatus = { kind: 'watermarkStatus', idle: true };
const active: WatermarkStatus = { kind: 'watermarkStatus', idle: false };

function valve(channels: number) {
  const out: (Watermark | WatermarkStatus)[] = [];
  const v = new StatusWatermarkValve(channels, {
    emitWatermark: (w) => out.push(w),
    emitWatermarkStatus: (s) => out.push(s),
  });
  return { v, out };
}

describe('StatusWatermarkValve (§5 Per-channel valve)', () => {
  it('reproduces the two-channel example of §5', () => {
    const { v, out } = valve(2);
    v.inputWatermark(watermark(5), 0);
    v.inputWatermark(watermark(3), 1);
    expect(out).toEqual([watermark(3)]); // c0=5, c1=3 → 3
    v.inputWatermarkStatus(idle, 1);
    expect(out.slice(1)).toEqual([watermark(5)]); // c1 IDLE → 5
    v.inputWatermarkStatus(active, 1);
    v.inputWatermark(watermark(4), 1);
    expect(out).toHaveLength(2); // c1=4 is behind the output: excluded, no emit
    v.inputWatermark(watermark(7), 1);
    expect(out).toHaveLength(2); // c1=7 rejoins, min(5, 7) = 5: no emit
    v.inputWatermark(watermark(9), 0);
    expect(out.slice(2)).toEqual([watermark(7)]); // c0=9 → 7
    expect(v.currentWatermark).toBe(7);
  });

  it('ignores non-increasing watermarks of a channel', () => {
    const { v, out } = valve(1);
    v.inputWatermark(watermark(4), 0);
    v.inputWatermark(watermark(4), 0);
    v.inputWatermark(watermark(2), 0);
    expect(out).toEqual([watermark(4)]);
  });

  it('all channels idle: flushes the max watermark, then goes IDLE; one channel back makes it ACTIVE', () => {
    const { v, out } = valve(2);
    v.inputWatermark(watermark(2), 0);
    v.inputWatermark(watermark(8), 1);
    v.inputWatermarkStatus(idle, 1);
    v.inputWatermarkStatus(idle, 0);
    expect(out).toEqual([watermark(2), watermark(8), idle]);
    expect(v.isIdle).toBe(true);
    v.inputWatermarkStatus(active, 0);
    expect(out.at(-1)).toEqual(active);
    expect(v.isIdle).toBe(false);
  });

  it('the end of event time from every channel passes as +Infinity', () => {
    const { v, out } = valve(2);
    v.inputWatermark(watermark(Number.POSITIVE_INFINITY), 0);
    v.inputWatermark(watermark(Number.POSITIVE_INFINITY), 1);
    expect(out).toEqual([watermark(Number.POSITIVE_INFINITY)]);
  });
});
