import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark } from '../../src/elements/stream-element.js';
import {
  TimestampsAndWatermarksOperator,
  type WatermarkStrategy,
} from '../../src/time/timestamps-and-watermarks-operator.js';
import { ManualTime, RecordingOutput } from '../operators/chain-harness.js';

/** An opened operator with a manual clock, emitting into a RecordingOutput. */
function openOperator(strategy: WatermarkStrategy, autoWatermarkIntervalMs: number) {
  const time = new ManualTime();
  const output = new RecordingOutput();
  const operator = new TimestampsAndWatermarksOperator(strategy, autoWatermarkIntervalMs, output, time);
  operator.open();
  return { operator, output, time };
}

describe('TimestampsAndWatermarksOperator (§5 Watermarks)', () => {
  it('emits periodically every autoWatermarkInterval, swallows upstream watermarks but MAX_WATERMARK, and never emits after it', () => {
    const { operator, output, time } = openOperator({ strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2 }, 200);
    operator.processElement(record('a', 10));
    operator.processWatermark(watermark(1000));
    time.advance(200);
    operator.processElement(record('b', 20));
    time.advance(200);
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    operator.finish(); // Flink's finish() emits once more; behind MAX it is dropped
    operator.close();
    expect(output.emitted).toEqual([
      record('a', 10),
      watermark(7),
      record('b', 20),
      watermark(17),
      watermark(MAX_WATERMARK_TIMESTAMP),
    ]);
    expect(time.pendingTimers).toBe(0);
  });

  it('withIdleness marks the output idle after idlenessMs without records, and active with the next record', () => {
    const { operator, output, time } = openOperator({ strategy: 'monotonous', idlenessMs: 300 }, 200);
    operator.processElement(record('a', 5));
    time.advance(200);
    time.advance(200);
    expect(output.emitted).toEqual([record('a', 5), watermark(4), { kind: 'watermarkStatus', idle: true }]);
    operator.processElement(record('b', 6));
    expect(output.emitted.slice(3)).toEqual([{ kind: 'watermarkStatus', idle: false }, record('b', 6)]);
    operator.close();
  });

  it('perRecord emits after every record (§8 harness); the periodic emit that follows repeats it and is dropped', () => {
    const { operator, output, time } = openOperator(
      { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2, emit: 'perRecord' },
      200,
    );
    operator.processElement(record('a', 1));
    operator.processElement(record('b', 5));
    operator.processElement(record('c', 3));
    time.advance(200);
    operator.close();
    expect(output.emitted).toEqual([record('a', 1), watermark(-2), record('b', 5), watermark(2), record('c', 3)]);
  });

  it('a timestamp function replaces the record timestamp; autoWatermarkIntervalMs 0 emits only at finish', () => {
    const { operator, output, time } = openOperator(
      { strategy: 'monotonous', timestamp: (value) => (value as { at: number }).at },
      0,
    );
    expect(time.pendingTimers).toBe(0);
    operator.processElement(record({ at: 7 }, 100));
    time.advance(1000);
    operator.finish();
    expect(output.emitted).toEqual([record({ at: 7 }, 7), watermark(6)]);
  });
});
