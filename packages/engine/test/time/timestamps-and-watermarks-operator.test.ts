import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark } from '../../src/elements/stream-element.js';
import { TimestampsAndWatermarksOperator } from '../../src/time/timestamps-and-watermarks-operator.js';
import { ManualTime, RecordingOutput } from '../operators/chain-harness.js';

describe('TimestampsAndWatermarksOperator (§5 Watermarks)', () => {
  it('emits periodically every autoWatermarkInterval, swallows upstream watermarks but MAX_WATERMARK, and never emits after it', () => {
    const time = new ManualTime();
    const output = new RecordingOutput();
    const operator = new TimestampsAndWatermarksOperator({ strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2 }, 200, output, time);
    operator.open();
    operator.processElement(record('a', 10));
    operator.processWatermark(watermark(1000));
    time.advance(200);
    operator.processElement(record('b', 20));
    time.advance(200);
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    operator.finish(); // Flink's finish() emits once more; behind MAX it is dropped
    operator.close();
    expect(output.emitted).toEqual([record('a', 10), watermark(7), record('b', 20), watermark(17), watermark(MAX_WATERMARK_TIMESTAMP)]);
    expect(time.pendingTimers).toBe(0);
  });

  it('withIdleness marks the output idle after idlenessMs without records, and active with the next record', () => {
    const time = new ManualTime();
    const output = new RecordingOutput();
    const operator = new TimestampsAndWatermarksOperator({ strategy: 'monotonous', idlenessMs: 300 }, 200, output, time);
    operator.open();
    operator.processElement(record('a', 5));
    time.advance(200);
    time.advance(200);
    expect(output.emitted).toEqual([record('a', 5), watermark(4), { kind: 'watermarkStatus', idle: true }]);
    operator.processElement(record('b', 6));
    expect(output.emitted.slice(3)).toEqual([{ kind: 'watermarkStatus', idle: false }, record('b', 6)]);
    operator.close();
  });
});
