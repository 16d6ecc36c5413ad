/**
 * `watermarks` with `strategy: "punctuated"` (design.md, watermarks): fn(value, timestamp) returns the watermark
 * to emit right after that record, or null for none, as Flink's punctuated generators emit from onEvent. The
 * WatermarkEmitter keeps the output monotonic (§5 Watermarks): a watermark not above the last is not emitted.
 */
import { describe, expect, test } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark } from '../../src/elements/stream-element.js';
import { runInput, testChain } from '../operators/chain-harness.js';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { runLocally } from '../../src/local/local-execution.js';

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

describe("a source's own punctuated strategy (its watermarks param)", () => {
  test('places the watermark right after the record that carries it, as seen downstream', () => {
    const job: JobGraph = {
      version: 1,
      name: 'punctuated source',
      operators: [
        {
          id: 'src',
          kind: 'source.collection',
          parallelism: 1,
          params: {
            elements: [
              { value: 'a', timestamp: 3 },
              { value: 'tick', timestamp: 5 },
              { value: 'b', timestamp: 4 },
            ],
            watermarks: { strategy: 'punctuated', fn: '(value, timestamp) => (value === "tick" ? timestamp : null)' },
          },
        },
        {
          id: 'show',
          kind: 'process',
          parallelism: 1,
          params: {
            fn: '(v, ctx, out) => out.collect(v + "@" + ctx.timestamp() + " wm " + ctx.timerService().currentWatermark())',
          },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'show', partitioner: 'rebalance' },
        { source: 'show', target: 'out', partitioner: 'forward' },
      ],
    };
    const result = runLocally({ jobGraph: job, executionGraph: planExecutionGraph(job) });
    expect(result.sinks.out).toEqual([
      `a@3 wm ${Number.MIN_SAFE_INTEGER}`,
      `tick@5 wm ${Number.MIN_SAFE_INTEGER}`,
      'b@4 wm 5',
    ]);
  });
});
