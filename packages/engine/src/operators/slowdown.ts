/**
 * An operator's `slowdownMs`: an artificial delay per record, so a workshop can make one operator slow and
 * watch backpressure build up behind it (§4). The delay happens inside the operator's processing, on the task's
 * thread, as a `Thread.sleep` in a Flink function would: the task's mailbox is busy for it (busy time is real),
 * and the task still yields between turns, so credits and cancel get through.
 * A source is slowed per record it emits; any other operator per record it processes.
 */
import { CATALOGUE, type OperatorSpec } from '@sluice/model';
import type { StreamRecord, Watermark, WatermarkStatus } from '../elements/stream-element.js';
import type { ChainedOperator } from './operator-factory.js';
import type { OneInputStreamOperator, Output, TwoInputStreamOperator } from './stream-operator.js';

/**
 * Atomics.wait needs shared memory, and a browser gives SharedArrayBuffer only to cross-origin-isolated pages:
 * the step worker of the static web app has none, so this module must load without it.
 */
const SLEEP_CELL = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;

/** Blocks the thread for `ms` without spinning where the platform allows it (a worker thread); spins elsewhere. */
function sleep(ms: number): void {
  if (SLEEP_CELL) {
    try {
      Atomics.wait(SLEEP_CELL, 0, 0, ms);
      return;
    } catch {
      // Atomics.wait is refused on a browser's main thread: spin instead, the delay is what matters.
    }
  }
  const until = performance.now() + ms;
  while (performance.now() < until);
}

class SlowdownOutput implements Output {
  constructor(
    private readonly output: Output,
    private readonly delayMs: number,
  ) {}

  collect(record: StreamRecord): void {
    sleep(this.delayMs);
    this.output.collect(record);
  }

  collectSideOutput(tag: string, record: StreamRecord): void {
    sleep(this.delayMs);
    this.output.collectSideOutput(tag, record);
  }

  emitWatermark(watermark: Watermark): void {
    this.output.emitWatermark(watermark);
  }

  emitWatermarkStatus(status: WatermarkStatus): void {
    this.output.emitWatermarkStatus(status);
  }
}

function slowedInput(operator: OneInputStreamOperator, delayMs: number): OneInputStreamOperator {
  return {
    open: () => operator.open(),
    processElement: (record) => {
      sleep(delayMs);
      operator.processElement(record);
    },
    processWatermark: (watermark) => operator.processWatermark(watermark),
    processWatermarkStatus: (status) => operator.processWatermarkStatus(status),
    finish: () => operator.finish(),
    close: () => operator.close(),
    ...(operator.inspect && { inspect: () => operator.inspect!() }),
  };
}

function slowedTwoInput(operator: TwoInputStreamOperator, delayMs: number): TwoInputStreamOperator {
  return {
    open: () => operator.open(),
    processElement1: (record) => {
      sleep(delayMs);
      operator.processElement1(record);
    },
    processElement2: (record) => {
      sleep(delayMs);
      operator.processElement2(record);
    },
    processWatermark1: (watermark) => operator.processWatermark1(watermark),
    processWatermark2: (watermark) => operator.processWatermark2(watermark),
    processWatermarkStatus1: (status) => operator.processWatermarkStatus1(status),
    processWatermarkStatus2: (status) => operator.processWatermarkStatus2(status),
    finish: () => operator.finish(),
    close: () => operator.close(),
    ...(operator.inspect && { inspect: () => operator.inspect!() }),
  };
}

/** Builds the operator of `spec` with its slowdown applied (or as is, without one). */
export function withSlowdown(
  spec: OperatorSpec,
  output: Output,
  build: (output: Output) => ChainedOperator,
): ChainedOperator {
  const delayMs = spec.slowdownMs ?? 0;
  if (delayMs === 0) return build(output);
  if (CATALOGUE[spec.kind].role === 'source') return build(new SlowdownOutput(output, delayMs));
  const built = build(output);
  if (built.role === 'source') throw new Error(`operator "${spec.id}": a ${spec.kind} is not a source`);
  if (built.role === 'twoInput') return { ...built, operator: slowedTwoInput(built.operator, delayMs) };
  return { ...built, operator: slowedInput(built.operator, delayMs) };
}
