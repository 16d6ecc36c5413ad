/**
 * §8 Golden worked examples Ex 1–3, exactly, under the §8 harness contract: one key, parallelism 1, a watermark
 * emitted after every element (`emit: perRecord`), the end of input ending event time with MAX_WATERMARK.
 * First through a `watermarks → window` chain, checking every element the window emits in order; then as whole
 * jobs through runLocally (keyed window, real network), checking what the sinks receive.
 */
import type { JobGraph, OperatorSpec } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark, type StreamRecord } from '../../src/elements/stream-element.js';
import { runLocally } from '../../src/local/local-execution.js';
import { runInput, testChain, type Emitted } from '../operators/chain-harness.js';

/** §8 Ex 1 input (ts, v). */
const EX1: [number, number][] = [
  [1, 1],
  [5, 2],
  [3, 3],
  [8, 4],
  [4, 5],
  [12, 6],
  [2, 7],
  [15, 8],
  [10, 9],
  [20, 10],
];
/** §8 Ex 3 input timestamps. */
const EX3 = [1, 2, 6, 4, 10];

const result = (start: number, end: number, value: unknown, key: unknown = null): StreamRecord =>
  record({ key, start, end, value }, end - 1);

function runWindowChain(watermarks: Record<string, unknown>, window: Record<string, unknown>, input: StreamRecord[]) {
  const { chain, partitions } = testChain({
    operators: [
      { id: 'wm', kind: 'watermarks', params: { ...watermarks, emit: 'perRecord' } },
      { id: 'win', kind: 'window', params: window },
    ],
    chainedEdges: [{ source: 'wm', target: 'win' }],
    partitions: [{ sourceOperator: 'win' }, { sourceOperator: 'win', sideOutput: 'late' }],
  });
  runInput(chain, input);
  const [main, late] = partitions;
  return {
    main: main!.emitted,
    late: late!.emitted.flatMap((e: Emitted) => (e.kind === 'side' ? [e.record] : [])),
  };
}

const ex1Input = EX1.map(([ts, v]) => record(v, ts));
const tumbling5 = { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { sum: '' } };
const boo2 = { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2 };

describe('§8 golden examples through a watermarks → window chain', () => {
  test('Ex 1: BoundedOutOfOrderness(2), Tumbling(5), L=0: every result before the watermark that fired it; (4,5) and (2,7) late', () => {
    const { main, late } = runWindowChain(boo2, tumbling5, ex1Input);
    expect(main).toEqual([
      watermark(-2),
      watermark(2),
      // 3@3: WM stays 2, not re-emitted
      result(0, 5, 4),
      watermark(5),
      result(5, 10, 6),
      watermark(9),
      watermark(12),
      result(10, 15, 15),
      watermark(17),
      result(15, 20, 8),
      result(20, 25, 10),
      watermark(MAX_WATERMARK_TIMESTAMP),
    ]);
    // Late records leave unchanged, timestamp included (§5 Lateness).
    expect(late).toEqual([record(5, 4), record(7, 2)]);
  });

  test('Ex 1 under the literal §8 contract: periodic emission every 200 ms, elements 250 ms apart, so one emit after each', () => {
    const { chain, partitions, host } = testChain({
      operators: [
        { id: 'wm', kind: 'watermarks', params: boo2 },
        { id: 'win', kind: 'window', params: tumbling5 },
      ],
      chainedEdges: [{ source: 'wm', target: 'win' }],
      partitions: [{ sourceOperator: 'win' }, { sourceOperator: 'win', sideOutput: 'late' }],
      autoWatermarkIntervalMs: 200,
    });
    chain.open();
    for (const element of ex1Input) {
      chain.input!.processElement(element);
      host.time.advance(250);
    }
    chain.input!.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    chain.finish();
    chain.close();
    expect(partitions[0]!.emitted).toEqual(runWindowChain(boo2, tumbling5, ex1Input).main);
    expect(partitions[1]!.emitted.filter((e) => e.kind === 'side')).toEqual([
      { kind: 'side', tag: 'late', record: record(5, 4) },
      { kind: 'side', tag: 'late', record: record(7, 2) },
    ]);
    expect(host.time.pendingTimers).toBe(0);
  });

  test('Ex 2: allowedLateness 3: 5@4 fires [0,5) again at once with the full contents; only (2,7) is late', () => {
    const { main, late } = runWindowChain(boo2, { ...tumbling5, allowedLatenessMs: 3 }, ex1Input);
    expect(main.filter((e) => e.kind === 'record')).toEqual([
      result(0, 5, 4),
      result(0, 5, 9),
      result(5, 10, 6),
      result(10, 15, 15),
      result(15, 20, 8),
      result(20, 25, 10),
    ]);
    expect(late).toEqual([record(7, 2)]);
  });

  test('Ex 3: session gap 3, BoundedOutOfOrderness(0), count: [1,5) retires before 4 arrives, so [4,9) does not merge with it', () => {
    const { main, late } = runWindowChain(
      { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 0 },
      { assigner: { type: 'session', gapMs: 3, time: 'event' }, aggregate: { count: true } },
      EX3.map((ts) => record(`e${ts}`, ts)),
    );
    expect(main).toEqual([
      watermark(0),
      watermark(1),
      // WM 5 fires [1,5) (its timer moved 3 → 4 when [2,5) merged in) before the watermark goes on
      result(1, 5, 2),
      watermark(5),
      result(4, 9, 2),
      watermark(9),
      result(10, 13, 1),
      watermark(MAX_WATERMARK_TIMESTAMP),
    ]);
    expect(late).toEqual([]);
  });

  test('Ex 3 without any watermark before the end of input: [1,9)=4, [10,13)=1', () => {
    const { main } = runWindowChain(
      { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 1_000 },
      { assigner: { type: 'session', gapMs: 3, time: 'event' }, aggregate: { count: true } },
      EX3.map((ts) => record(`e${ts}`, ts)),
    );
    expect(main.filter((e) => e.kind === 'record')).toEqual([result(1, 9, 4), result(10, 13, 1)]);
  });
});

const op = (spec: OperatorSpec): OperatorSpec => spec;
/** source (p1) → watermarks (perRecord) → keyBy → window (p2) → sink, late records to a second sink. */
function goldenJob(
  elements: { value: unknown; timestamp: number }[],
  watermarks: Record<string, unknown>,
  window: Record<string, unknown>,
): JobGraph {
  return {
    version: 1,
    name: 'golden',
    operators: [
      op({ id: 'src', kind: 'source.collection', parallelism: 1, params: { elements } }),
      op({ id: 'wm', kind: 'watermarks', parallelism: 1, params: { ...watermarks, emit: 'perRecord' } }),
      op({ id: 'win', kind: 'window', parallelism: 2, params: window }),
      op({ id: 'out', kind: 'sink.collect', parallelism: 1 }),
      op({ id: 'late', kind: 'sink.collect', parallelism: 1 }),
    ],
    edges: [
      { source: 'src', target: 'wm', partitioner: 'forward' },
      { source: 'wm', target: 'win', partitioner: 'hash', key: 'v => "k"' },
      { source: 'win', target: 'out', partitioner: 'rebalance' },
      { source: 'win', target: 'late', partitioner: 'rebalance', sideOutput: 'late' },
    ],
  };
}

const run = (jobGraph: JobGraph, seed: number) =>
  runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) }, { seed });
const windows = (values: unknown[]) =>
  values.map((v) => {
    const { start, end, value } = v as { start: number; end: number; value: unknown };
    return `[${start},${end})=${String(value)}`;
  });

describe('§8 golden examples as jobs through runLocally (keyed window behind a hash edge, parallelism 2)', () => {
  const ex1Elements = EX1.map(([timestamp, value]) => ({ value, timestamp }));

  test.each([0, 1, 2])('Ex 1, seed %i', (seed) => {
    const { status, sinks } = run(goldenJob(ex1Elements, boo2, tumbling5), seed);
    expect(status).toBe('FINISHED');
    expect(windows(sinks.out ?? [])).toEqual(['[0,5)=4', '[5,10)=6', '[10,15)=15', '[15,20)=8', '[20,25)=10']);
    expect((sinks.out ?? []).every((r) => (r as { key: unknown }).key === 'k')).toBe(true);
    expect(sinks.late).toEqual([5, 7]);
  });

  test('Ex 2', () => {
    const { sinks } = run(goldenJob(ex1Elements, boo2, { ...tumbling5, allowedLatenessMs: 3 }), 0);
    expect(windows(sinks.out ?? [])).toEqual([
      '[0,5)=4',
      '[0,5)=9',
      '[5,10)=6',
      '[10,15)=15',
      '[15,20)=8',
      '[20,25)=10',
    ]);
    expect(sinks.late).toEqual([7]);
  });

  test('Ex 3', () => {
    const { sinks } = run(
      goldenJob(
        EX3.map((timestamp) => ({ value: `e${timestamp}`, timestamp })),
        { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 0 },
        { assigner: { type: 'session', gapMs: 3, time: 'event' }, aggregate: { count: true } },
      ),
      0,
    );
    expect(windows(sinks.out ?? [])).toEqual(['[1,5)=2', '[4,9)=2', '[10,13)=1']);
    expect(sinks.late ?? []).toEqual([]);
  });
});
