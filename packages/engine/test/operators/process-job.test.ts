/**
 * A process function in whole jobs (runLocally: real tasks, network and partitioners): side outputs by tag to
 * chained and network edges, and keyed state per key behind a hash edge across subtasks.
 */
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { runLocally } from '../../src/local/local-execution.js';

const run = (jobGraph: JobGraph, seed = 0) =>
  runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) }, { seed });
const sorted = (values: unknown[] = []) => values.map((v) => JSON.stringify(v)).sort();

describe('process function jobs', () => {
  test.each([0, 3])(
    'seed %i: ctx.output(tag, v) reaches exactly the edges with that sideOutput, chained or not',
    (seed) => {
      const job: JobGraph = {
        version: 1,
        name: 'side outputs',
        operators: [
          { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 12 } },
          {
            id: 'split',
            kind: 'process',
            parallelism: 2,
            params: {
              fn: `(n, ctx, out) => {
              if (n % 3 === 0) ctx.output('fizz', n);
              else if (n % 5 === 0) ctx.output('buzz', { n });
              else out.collect(n);
            }`,
            },
          },
          { id: 'main', kind: 'sink.collect', parallelism: 1 },
          { id: 'fizz', kind: 'sink.collect', parallelism: 2 },
          { id: 'buzz', kind: 'sink.collect', parallelism: 1 },
        ],
        edges: [
          { source: 'src', target: 'split', partitioner: 'forward' },
          { source: 'split', target: 'main', partitioner: 'rebalance' },
          // Forward at equal parallelism: chained behind the process function.
          { source: 'split', target: 'fizz', partitioner: 'forward', sideOutput: 'fizz' },
          { source: 'split', target: 'buzz', partitioner: 'rebalance', sideOutput: 'buzz' },
        ],
      };
      const result = run(job, seed);
      expect(result.status).toBe('FINISHED');
      expect(sorted(result.sinks.main)).toEqual(sorted([1, 2, 4, 7, 8, 11]));
      expect(sorted(result.sinks.fizz)).toEqual(sorted([3, 6, 9, 12]));
      expect(sorted(result.sinks.buzz)).toEqual(sorted([{ n: 5 }, { n: 10 }]));
    },
  );

  test('keyed state per key across subtasks: each key counts only its own records', () => {
    const job: JobGraph = {
      version: 1,
      name: 'keyed counts',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 20 } },
        {
          id: 'count',
          kind: 'process',
          parallelism: 3,
          params: {
            fn: `(n, ctx, out) => {
              const seen = ctx.state.value('seen');
              seen.update((seen.value() ?? 0) + 1);
              out.collect({ key: ctx.getCurrentKey(), seen: seen.value() });
            }`,
          },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'count', partitioner: 'hash', key: 'n => n % 4' },
        { source: 'count', target: 'out', partitioner: 'rebalance' },
      ],
    };
    const result = run(job);
    const expected = [0, 1, 2, 3].flatMap((key) => [1, 2, 3, 4, 5].map((seen) => ({ key, seen })));
    expect(sorted(result.sinks.out)).toEqual(sorted(expected));
  });

  const periodic = (onTimer: string): JobGraph => ({
    version: 1,
    name: 'periodic timer',
    operators: [
      { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 'a', timestamp: 1 }] } },
      {
        id: 'tick',
        kind: 'process',
        parallelism: 1,
        params: { fn: '(v, ctx, out) => ctx.timerService().registerEventTimeTimer(10)', onTimer },
      },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'tick', partitioner: 'hash', key: 'v => v' },
      { source: 'tick', target: 'out', partitioner: 'forward' },
    ],
  });

  test('a timer that registers a later one, fired by the end of event time, fails the job saying so instead of spinning', () => {
    const result = run(periodic('(t, ctx, out) => ctx.timerService().registerEventTimeTimer(t + 10)'));
    expect(result.status).toBe('FAILED');
    expect(result.failure?.message).toMatch(/^100000 event-time timers were registered after the input ended/);
    expect(result.failure?.operatorId).toBe('tick');
  });

  test('timers registered at the end of event time still fire, as in Flink, while they come to an end', () => {
    const result = run(
      periodic(`(t, ctx, out) => {
        out.collect(t);
        if (t < 50) ctx.timerService().registerEventTimeTimer(t + 10);
      }`),
    );
    expect(result.status).toBe('FINISHED');
    expect(result.sinks.out).toEqual([10, 20, 30, 40, 50]);
  });
});
