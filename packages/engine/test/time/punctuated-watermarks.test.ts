/**
 * `watermarks` with `strategy: "punctuated"` (design.md, watermarks): fn(value, timestamp) returns the watermark
 * to emit right after that record, or null for none, as Flink's punctuated generators emit from onEvent. The
 * WatermarkEmitter keeps the output monotonic (§5 Watermarks): a watermark not above the last is not emitted.
 */
import { describe, expect, test } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark } from '../../src/elements/stream-element.js';
import { runInput, testChain } from '../operators/chain-harness.js';

function punctuated(fn: string, params: Record<string, unknown> = {}) {
  return testChain({
    operators: [{ id: 'wm', kind: 'watermarks', params: { strategy: 'punctuated', fn, ...params } }],
    partitions: [{ sourceOperator: 'wm' }],
  });
}

describe('punctuated watermarks', () => {
  test('the watermark fn returns goes out right after its record; null emits none; a lower one is dropped', () => {
    const { chain, partitions } = punctuated('(value, timestamp) => value.mark ? timestamp - value.lag : null');
    runInput(chain, [
      record({ id: 1 }, 5),
      record({ id: 2, mark: true, lag: 0 }, 7),
      record({ id: 3, mark: true, lag: 4 }, 9),
      record({ id: 4, mark: true, lag: 1 }, 12),
    ]);
    expect(partitions[0]!.emitted).toEqual([
      record({ id: 1 }, 5),
      record({ id: 2, mark: true, lag: 0 }, 7),
      watermark(7),
      record({ id: 3, mark: true, lag: 4 }, 9),
      record({ id: 4, mark: true, lag: 1 }, 12),
      watermark(11),
      watermark(MAX_WATERMARK_TIMESTAMP),
    ]);
  });

  test('the timestamp it sees is the assigned one, and nothing is emitted periodically', () => {
    const { chain, partitions, host } = punctuated('(value, timestamp) => value === "tick" ? timestamp : null', {
      timestamp: '(value, previous) => previous * 10',
    });
    chain.open();
    chain.input!.processElement(record('a', 1));
    host.time.advance(10_000);
    chain.input!.processElement(record('tick', 2));
    expect(partitions[0]!.emitted).toEqual([record('a', 10), record('tick', 20), watermark(20)]);
    chain.close();
  });

  test('a watermark that is not an integer fails the function, saying what it got', () => {
    const { chain } = punctuated('(value, timestamp) => "later"');
    chain.open();
    expect(() => chain.input!.processElement(record('a', 1))).toThrow(
      'watermark must be an integer number of milliseconds, got "later"',
    );
  });
});
