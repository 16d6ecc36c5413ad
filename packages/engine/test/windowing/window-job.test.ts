/**
 * Windows inside real StreamTasks (runLocally): the task's watermark path (§5 Per-channel valve → timers →
 * forwarding) and processing-time windows on the task's clock.
 */
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import type { StreamElement, Watermark, WatermarkStatus } from '../../src/elements/stream-element.js';
import { runLocally } from '../../src/local/local-execution.js';
import { StatusWatermarkValve } from '../../src/time/status-watermark-valve.js';

const run = (jobGraph: JobGraph, options: Parameters<typeof runLocally>[1] = {}) =>
  runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) }, options);

describe('the task path of event time (§5)', () => {
  test('a window task forwards what its valve makes of the channels, fires every window ≤ a watermark before forwarding it', () => {
    // Two source subtasks with their watermarks, one of them going idle and coming back, into one keyed window task.
    const jobGraph: JobGraph = {
      version: 1,
      name: 'valve in a task',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 30, ratePerSecond: 20 } },
        // Subtask 1 emits 16..30, of which 16..27 are dropped: its watermarks go quiet, then idle, then active again.
        { id: 'gap', kind: 'filter', parallelism: 2, params: { fn: '(n, ctx) => n <= 15 || n >= 28' } },
        {
          id: 'wm',
          kind: 'watermarks',
          parallelism: 2,
          params: {
            strategy: 'boundedOutOfOrderness',
            maxOutOfOrdernessMs: 3,
            timestamp: '(n, previous) => n * 10',
            idlenessMs: 150,
            emit: 'perRecord',
          },
        },
        {
          id: 'win',
          kind: 'window',
          parallelism: 1,
          params: { assigner: { type: 'tumbling', sizeMs: 40, time: 'event' }, aggregate: { count: true } },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'gap', partitioner: 'forward' },
        { source: 'gap', target: 'wm', partitioner: 'forward' },
        { source: 'wm', target: 'win', partitioner: 'hash', key: 'n => n % 3' },
        { source: 'win', target: 'out', partitioner: 'forward' },
      ],
    };
    const taken: { channel: string; element: StreamElement }[] = [];
    const emitted: StreamElement[] = [];
    const result = run(jobGraph, {
      seed: 2,
      stepObserver: (tdd) => ({
        elementTaken: (channel, element) => tdd.vertexId === 'win' && taken.push({ channel, element }),
        elementWritten: () => {},
        operatorEmitted: (operatorId, element) => operatorId === 'win' && emitted.push(element),
      }),
    });
    expect(result.status).toBe('FINISHED');

    // What a valve makes of exactly what the task took, channel by channel.
    const channels = [...new Set(taken.map((t) => t.channel))].sort();
    expect(channels).toHaveLength(2);
    const expected: (Watermark | WatermarkStatus)[] = [];
    const valve = new StatusWatermarkValve(2, {
      emitWatermark: (w) => expected.push(w),
      emitWatermarkStatus: (s) => expected.push(s),
    });
    for (const { channel, element } of taken) {
      if (element.kind === 'watermark') valve.inputWatermark(element, channels.indexOf(channel));
      if (element.kind === 'watermarkStatus') valve.inputWatermarkStatus(element, channels.indexOf(channel));
    }
    expect(emitted.filter((e) => e.kind !== 'record')).toEqual(expected);
    expect(taken.some(({ element }) => element.kind === 'watermarkStatus' && element.idle)).toBe(true);

    // Every result comes after the watermark before it and before the first watermark ≥ its end − 1.
    let watermark = Number.NEGATIVE_INFINITY;
    const pending: number[] = [];
    for (const element of emitted) {
      if (element.kind === 'record') {
        const { end } = element.value as { end: number };
        expect(end - 1).toBeGreaterThan(watermark);
        pending.push(end - 1);
      } else if (element.kind === 'watermark') {
        watermark = element.timestamp;
        expect(pending.filter((maxTimestamp) => maxTimestamp <= watermark)).toEqual(pending);
        pending.length = 0;
      }
    }
  });
});

describe('processing-time windows in a task', () => {
  const job = (map: string): JobGraph => ({
    version: 1,
    name: 'processing time',
    // Each record leaves its buffer at once, so it reaches the window at the ms the source emitted it.
    config: { bufferTimeoutMs: 0 },
    operators: [
      { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 10, ratePerSecond: 1000 } },
      {
        id: 'win',
        kind: 'window',
        parallelism: 1,
        params: { assigner: { type: 'tumbling', sizeMs: 3, time: 'processing' }, aggregate: { sum: '' } },
      },
      { id: 'm', kind: 'map', parallelism: 1, params: { fn: map } },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'win', partitioner: 'rebalance' },
      { source: 'win', target: 'm', partitioner: 'forward' },
      { source: 'm', target: 'out', partitioner: 'forward' },
    ],
  });

  test('fire on the virtual clock, one record per ms: [0,3), [3,6) and [6,9) fire; the last window is dropped at the end, as Flink does', () => {
    const result = run(job('(r, ctx) => r'));
    expect(result.status).toBe('FINISHED');
    // Record n leaves the source at n − 1 ms; [9,12) with 10 is still open when the input ends.
    expect(result.sinks.out).toEqual([
      { key: null, start: 0, end: 3, value: 1 + 2 + 3 },
      { key: null, start: 3, end: 6, value: 4 + 5 + 6 },
      { key: null, start: 6, end: 9, value: 7 + 8 + 9 },
    ]);
  });

  test('an error downstream of a processing-time firing fails the task with that error', () => {
    const result = run(job("(r, ctx) => { throw new Error('cannot take window ' + r.start); }"));
    expect(result.status).toBe('FAILED');
    expect(result.failure?.message).toMatch(/^cannot take window \d+$/);
    expect(result.failure?.vertexId).toBe('win');
  });
});

describe('windowAll: a window without a keyed input', () => {
  const job = (parallelism: number): JobGraph => ({
    version: 1,
    name: 'windowAll',
    operators: [
      {
        id: 'src',
        kind: 'source.collection',
        parallelism: 2,
        params: { elements: [1, 2, 3, 4].map((value) => ({ value, timestamp: value })) },
      },
      {
        id: 'all',
        kind: 'window',
        parallelism,
        params: { assigner: { type: 'tumbling', sizeMs: 10, time: 'event' }, aggregate: { max: '' } },
      },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'all', partitioner: 'rebalance' },
      { source: 'all', target: 'out', partitioner: 'forward' },
    ],
  });

  test('sees every record under the key null', () => {
    const result = run(job(1));
    expect(result.sinks.out).toEqual([{ key: null, start: 0, end: 10, value: 4 }]);
  });

  test('with parallelism above 1 fails its task with a clear error', () => {
    const result = run({
      ...job(2),
      edges: job(2).edges.map((e) => (e.target === 'out' ? { ...e, partitioner: 'rebalance' } : e)),
    });
    expect(result.status).toBe('FAILED');
    expect(result.failure?.message).toBe(
      'operator "all": a window without a keyed input (a hash edge with a key into it) is a windowAll and needs parallelism 1, not 2',
    );
  });
});

describe('a user reduce in a keyed window job', () => {
  test("reduces each key's window with the RuntimeContext as its last argument", () => {
    const elements = [
      ['a', 1, 1],
      ['b', 10, 2],
      ['a', 2, 3],
      ['a', 4, 12],
    ].map(([k, n, timestamp]) => ({ value: { k, n }, timestamp: timestamp as number }));
    const result = run({
      version: 1,
      name: 'reduce',
      operators: [
        {
          id: 'src',
          kind: 'source.collection',
          parallelism: 1,
          params: { elements, watermarks: { strategy: 'monotonous', emit: 'perRecord' } },
        },
        {
          id: 'win',
          kind: 'window',
          parallelism: 2,
          params: {
            assigner: { type: 'tumbling', sizeMs: 10, time: 'event' },
            reduce: '(acc, v, ctx) => ({ k: acc.k, n: acc.n + v.n, of: ctx.parallelism })',
          },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'win', partitioner: 'hash', key: 'r => r.k' },
        { source: 'win', target: 'out', partitioner: 'rebalance' },
      ],
    });
    const sorted = (result.sinks.out as { key: string; start: number }[]).sort(
      (x, y) => x.key.localeCompare(y.key) || x.start - y.start,
    );
    expect(sorted).toEqual([
      { key: 'a', start: 0, end: 10, value: { k: 'a', n: 3, of: 2 } },
      { key: 'a', start: 10, end: 20, value: { k: 'a', n: 4 } },
      { key: 'b', start: 0, end: 10, value: { k: 'b', n: 10 } },
    ]);
  });
});
