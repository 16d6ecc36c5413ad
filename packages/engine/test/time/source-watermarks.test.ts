/**
 * A source's own watermark strategy (its `watermarks` param, Flink's fromSource(source, WatermarkStrategy)):
 * the first thing the source's records meet, so every source subtask's watermark follows its own records (§5).
 */
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark } from '../../src/elements/stream-element.js';
import { runLocally } from '../../src/local/local-execution.js';
import { runSource, testChain } from '../operators/chain-harness.js';

describe('source watermark strategy', () => {
  test('source.collection with boundedOutOfOrderness(2), per record: the §8 Ex 1 watermarks leave the source', () => {
    const elements = [
      [1, 1],
      [5, 2],
      [3, 3],
      [8, 4],
    ].map(([timestamp, value]) => ({ value, timestamp }));
    const { chain, partitions } = testChain({
      operators: [
        {
          id: 'src',
          kind: 'source.collection',
          params: {
            elements,
            watermarks: { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2, emit: 'perRecord' },
          },
        },
      ],
      partitions: [{ sourceOperator: 'src' }],
    });
    runSource(chain);
    expect(partitions[0]!.emitted).toEqual([
      record(1, 1),
      watermark(-2),
      record(2, 5),
      watermark(2),
      record(3, 3),
      record(4, 8),
      watermark(5),
      watermark(MAX_WATERMARK_TIMESTAMP),
    ]);
  });

  test('a timestamp function on a parallel source.sequence feeds keyed windows through runLocally', () => {
    const jobGraph: JobGraph = {
      version: 1,
      name: 'source watermarks',
      operators: [
        {
          id: 'src',
          kind: 'source.sequence',
          parallelism: 2,
          params: {
            from: 0,
            to: 19,
            watermarks: { strategy: 'monotonous', timestamp: '(n, previous) => n * 10', emit: 'perRecord' },
          },
        },
        {
          id: 'win',
          kind: 'window',
          parallelism: 2,
          params: { assigner: { type: 'tumbling', sizeMs: 50, time: 'event' }, aggregate: { sum: '' } },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'win', partitioner: 'hash', key: 'n => n % 2' },
        { source: 'win', target: 'out', partitioner: 'rebalance' },
      ],
    };
    const result = runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) }, { seed: 5 });
    expect(result.failure).toBeUndefined();
    const windows = (result.sinks.out as { key: number; start: number; value: number }[])
      .map((r) => `${r.key}@${r.start}=${r.value}`)
      .sort();
    // n at n × 10 ms: windows of 50 ms hold the even 0,2,4 | 6,8 | 10,12,14 | 16,18 and the odd 1,3 | 5,7,9 | 11,13 | 15,17,19.
    expect(windows).toEqual(
      ['0@0=6', '0@100=36', '0@150=34', '0@50=14', '1@0=4', '1@100=24', '1@150=51', '1@50=21'].sort(),
    );
  });

  test('bad strategy params name the field under params.watermarks', () => {
    expect(() =>
      testChain({
        operators: [
          { id: 'src', kind: 'source.collection', params: { elements: [], watermarks: { strategy: 'sometimes' } } },
        ],
      }),
    ).toThrow('operator "src" (source.collection): params.watermarks.strategy:');
  });
});
