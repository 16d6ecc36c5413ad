/**
 * Flink's TimestampsAndWatermarksOperator [TWO]: the `watermarks` operator of a JobGraph. It assigns each
 * record its event timestamp, feeds the watermark generator, and emits the generator's watermarks through a
 * WatermarkEmitter. Upstream watermarks are swallowed (this operator is the new source of event time), except
 * the final MAX_WATERMARK (§5), which must still reach every window downstream.
 */
import {
  MAX_WATERMARK_TIMESTAMP,
  record as streamRecord,
  type StreamRecord,
  type Watermark,
} from '../elements/stream-element.js';
import type { OneInputStreamOperator, Output } from '../operators/stream-operator.js';
import type { ProcessingTimeService } from '../task/host.js';
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from './timestamps.js';
import { WatermarkEmitter } from './watermark-emitter.js';
import {
  BoundedOutOfOrdernessWatermarks,
  monotonousWatermarks,
  PunctuatedWatermarks,
  type PunctuatedWatermarkFunction,
  WatermarksWithIdleness,
  type WatermarkGenerator,
} from './watermark-generators.js';

/**
 * `(value, previousTimestamp) => timestamp`, an integer number of ms; previousTimestamp is MIN_TIMESTAMP for a
 * record without one.
 */
export type TimestampAssigner = (value: unknown, previousTimestamp: number) => number;

/** The `watermarks` operator's params, with the timestamp function already compiled by the task. */
export interface WatermarkStrategy {
  strategy: 'monotonous' | 'boundedOutOfOrderness' | 'punctuated';
  /** Only for boundedOutOfOrderness; default 0. */
  maxOutOfOrdernessMs?: number;
  idlenessMs?: number;
  /** Default: keep the record's own timestamp. */
  timestamp?: TimestampAssigner;
  /** periodic (default): every autoWatermarkIntervalMs; perRecord: additionally after every record. */
  emit?: 'periodic' | 'perRecord';
  /** Only, and always, for punctuated: the watermark after each record, or null for none. */
  punctuated?: PunctuatedWatermarkFunction<unknown>;
}

export function createWatermarkGenerator(strategy: WatermarkStrategy, now: () => number): WatermarkGenerator<unknown> {
  const base = baseGenerator(strategy);
  return strategy.idlenessMs === undefined ? base : new WatermarksWithIdleness(base, strategy.idlenessMs, now);
}

function baseGenerator(strategy: WatermarkStrategy): WatermarkGenerator<unknown> {
  switch (strategy.strategy) {
    case 'monotonous':
      return monotonousWatermarks<unknown>();
    case 'boundedOutOfOrderness':
      return new BoundedOutOfOrdernessWatermarks<unknown>(strategy.maxOutOfOrdernessMs ?? 0);
    case 'punctuated':
      if (!strategy.punctuated) throw new Error('the punctuated strategy needs its function');
      return new PunctuatedWatermarks<unknown>(strategy.punctuated);
  }
}

export class TimestampsAndWatermarksOperator implements OneInputStreamOperator {
  private readonly generator: WatermarkGenerator<unknown>;
  private readonly emitter: WatermarkEmitter;
  private cancelPeriodicEmit: (() => void) | undefined;

  /**
   * @param autoWatermarkIntervalMs pipeline.auto-watermark-interval; 0 disables periodic emission, as in Flink.
   *   Periodic emission also runs in perRecord mode: it then repeats the last watermark (dropped by the emitter)
   *   but still detects idleness.
   */
  constructor(
    private readonly strategy: WatermarkStrategy,
    private readonly autoWatermarkIntervalMs: number,
    private readonly output: Output,
    private readonly processingTimeService: ProcessingTimeService,
  ) {
    this.generator = createWatermarkGenerator(strategy, () => processingTimeService.now());
    this.emitter = new WatermarkEmitter(output);
  }

  open(): void {
    if (this.autoWatermarkIntervalMs > 0) this.schedulePeriodicEmit();
  }

  processElement(record: StreamRecord): void {
    const previous = record.timestamp ?? MIN_TIMESTAMP;
    const timestamp = this.strategy.timestamp ? this.strategy.timestamp(record.value, previous) : previous;
    this.emitter.markActive();
    this.output.collect(streamRecord(record.value, timestamp));
    this.generator.onEvent(record.value, timestamp, this.emitter);
    if (this.strategy.emit === 'perRecord') this.generator.onPeriodicEmit(this.emitter);
  }

  processWatermark(watermark: Watermark): void {
    // Through the emitter, so the finish() emit that follows cannot go out behind the end of event time.
    if (watermark.timestamp >= MAX_TIMESTAMP) this.emitter.emitWatermark(MAX_WATERMARK_TIMESTAMP);
  }

  /** Upstream idleness is not forwarded: this operator decides its own status. */
  processWatermarkStatus(): void {}

  finish(): void {
    this.generator.onPeriodicEmit(this.emitter);
  }

  close(): void {
    this.cancelPeriodicEmit?.();
    this.cancelPeriodicEmit = undefined;
  }

  private schedulePeriodicEmit(): void {
    this.cancelPeriodicEmit = this.processingTimeService.schedule(this.autoWatermarkIntervalMs, () => {
      this.generator.onPeriodicEmit(this.emitter);
      this.schedulePeriodicEmit();
    });
  }
}
