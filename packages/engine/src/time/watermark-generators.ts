/**
 * Watermark generators, after Flink's `org.apache.flink.api.common.eventtime` (§5 Watermarks).
 * A generator only computes watermarks; the WatermarkEmitter behind its output makes them monotonic.
 */
import { MIN_TIMESTAMP } from './timestamps.js';

/** Flink's WatermarkOutput: where a generator puts its watermarks and idleness. */
export interface WatermarkOutput {
  emitWatermark(watermark: number): void;
  markIdle(): void;
  markActive(): void;
}

export interface WatermarkGenerator<T> {
  /** Called for every record, after its timestamp was assigned. */
  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void;
  /** Called every `autoWatermarkIntervalMs` (and, in perRecord mode, after every record). */
  onPeriodicEmit(output: WatermarkOutput): void;
}

/**
 * [BOO] BoundedOutOfOrdernessWatermarks: the watermark trails the largest timestamp seen by the bound.
 * Initial `maxTs = MIN + d + 1`, so the first emission is exactly MIN_TIMESTAMP (which the emitter drops);
 * each emission is `maxTs − d − 1`: an element with timestamp `maxTs − d` may still arrive.
 */
export class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private maxTimestamp: number;

  constructor(readonly outOfOrdernessMs: number) {
    if (!Number.isSafeInteger(outOfOrdernessMs) || outOfOrdernessMs < 0) {
      throw new Error(`maxOutOfOrdernessMs: must be a non-negative integer, got ${String(outOfOrdernessMs)}`);
    }
    this.maxTimestamp = MIN_TIMESTAMP + outOfOrdernessMs + 1;
  }

  onEvent(_event: T, eventTimestamp: number): void {
    this.maxTimestamp = Math.max(this.maxTimestamp, eventTimestamp);
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    output.emitWatermark(this.maxTimestamp - this.outOfOrdernessMs - 1);
  }
}

/** Flink's AscendingTimestampsWatermarks (`forMonotonousTimestamps`): bounded out-of-orderness of 0. */
export function monotonousWatermarks<T>(): WatermarkGenerator<T> {
  return new BoundedOutOfOrdernessWatermarks<T>(0);
}

/** `(value, timestamp) => watermark or null`: what a punctuated generator asks of every record. */
export type PunctuatedWatermarkFunction<T> = (event: T, eventTimestamp: number) => number | null;

/**
 * A punctuated generator (Flink's WatermarkGenerator that emits in onEvent): the record itself says where event
 * time stands, and the watermark goes out right after it; nothing is emitted periodically.
 */
export class PunctuatedWatermarks<T> implements WatermarkGenerator<T> {
  constructor(private readonly watermarkAfter: PunctuatedWatermarkFunction<T>) {}

  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void {
    const watermark = this.watermarkAfter(event, eventTimestamp);
    if (watermark !== null) output.emitWatermark(watermark);
  }

  onPeriodicEmit(): void {}
}

/**
 * Flink's WatermarksWithIdleness (`withIdleness(t)`, [GW]): once more than `idlenessMs` of processing time
 * passed without a record, a periodic emit marks the output idle instead of emitting, so downstream valves stop
 * waiting for this input. The next record makes it active again (the WatermarkEmitter does that).
 * Flink starts its IdlenessTimer at the first periodic check that saw no activity; this one measures from the
 * last record itself, which is the same rule without the up-to-one-interval lag.
 */
export class WatermarksWithIdleness<T> implements WatermarkGenerator<T> {
  private lastActivity: number;

  constructor(
    private readonly generator: WatermarkGenerator<T>,
    readonly idlenessMs: number,
    private readonly now: () => number,
  ) {
    if (!Number.isSafeInteger(idlenessMs) || idlenessMs <= 0) {
      throw new Error(`idlenessMs: must be a positive integer, got ${String(idlenessMs)}`);
    }
    this.lastActivity = now();
  }

  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void {
    this.generator.onEvent(event, eventTimestamp, output);
    this.lastActivity = this.now();
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.now() - this.lastActivity > this.idlenessMs) output.markIdle();
    else this.generator.onPeriodicEmit(output);
  }
}
