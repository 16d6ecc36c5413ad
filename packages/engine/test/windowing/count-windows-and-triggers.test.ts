/**
 * Count and global windows and the triggers a window may set (design.md: `assigner` count/global, `trigger`), built
 * by the operator factory from JobGraph params. The first tests replay Flink's own: WindowOperatorTest's
 * testCountTrigger (PurgingTrigger(CountTrigger(4)) on GlobalWindows, through a snapshot and restore) and testLateness
 * (PurgingTrigger(EventTimeTrigger) with allowed lateness), and EvictingWindowOperatorTest's testCountTrigger
 * (countWindow(4, 2)): same input sequence, same output. Global windows emit `{key, value}` at the end of time.
 */
import { describe, expect, test } from 'vitest';
import { record, watermark, type StreamRecord } from '../../src/elements/stream-element.js';
import { MAX_TIMESTAMP } from '../../src/time/timestamps.js';
import { testChain } from '../operators/chain-harness.js';
import type { JobGraph } from '@sluice/model';
import { createStepSession, END_OF_EVENT_TIME, type FiredWindow } from '../../src/step/index.js';

function windowChain(params: Record<string, unknown>) {
  const { chain, partitions } = testChain({
    operators: [{ id: 'win', kind: 'window', params: { aggregate: { sum: 'n' }, ...params } }],
    key: 'r => r.k',
    partitions: [{ sourceOperator: 'win' }, { sourceOperator: 'win', sideOutput: 'late' }],
  });
  chain.open();
  const input = chain.input!;
  return {
    chain,
    element: (k: string, n: number, timestamp: number) => input.processElement(record({ k, n }, timestamp)),
    watermark: (t: number) => input.processWatermark(watermark(t)),
    main: partitions[0]!,
    late: partitions[1]!,
  };
}

const global = (key: string, value: number): StreamRecord => record({ key, value }, MAX_TIMESTAMP);
const timed = (key: string, start: number, end: number, value: number): StreamRecord =>
  record({ key, start, end, value }, end - 1);

describe("Flink's window tests, replayed", () => {
  test('WindowOperatorTest.testCountTrigger: countWindow(4) fires and purges every 4 records of a key, across a snapshot and restore', () => {
    const first = windowChain({ assigner: { type: 'count', size: 4 } });
    // The global window ignores the timestamps.
    for (const [k, t] of [
      ['key2', 3000],
      ['key2', 3999],
      ['key1', 20],
      ['key1', 0],
      ['key1', 999],
      ['key2', 1998],
      ['key2', 1999],
    ] as const)
      first.element(k, 1, t);
    const snapshot = structuredClone(first.chain.snapshotState(1));
    expect(first.main.emitted).toEqual([global('key2', 4)]);

    const { chain, partitions } = testChain({
      operators: [
        { id: 'win', kind: 'window', params: { aggregate: { sum: 'n' }, assigner: { type: 'count', size: 4 } } },
      ],
      key: 'r => r.k',
      partitions: [{ sourceOperator: 'win' }],
    });
    chain.initializeState(snapshot);
    chain.open();
    const element = (k: string, t: number) => chain.input!.processElement(record({ k, n: 1 }, t));
    element('key2', 1000);
    expect(partitions[0]!.emitted).toEqual([]);
    element('key1', 10999);
    for (let i = 0; i < 3; i++) element('key2', 1000);
    expect(partitions[0]!.emitted).toEqual([global('key1', 4), global('key2', 4)]);
  });

  test('EvictingWindowOperatorTest.testCountTrigger: countWindow(4, 2) fires every 2 records with the last 4', () => {
    const w = windowChain({ assigner: { type: 'count', size: 4, slide: 2 } });
    for (const [k, t] of [
      ['key2', 3000],
      ['key2', 3999],
      ['key1', 20],
      ['key1', 0],
      ['key1', 999],
      ['key2', 1998],
      ['key2', 1999],
      ['key2', 1000],
    ] as const)
      w.element(k, 1, t);
    expect(w.main.emitted).toEqual([global('key2', 2), global('key1', 2), global('key2', 4)]);
    w.element('key1', 1, 10999);
    w.element('key2', 1, 1000);
    expect(w.main.emitted.slice(3)).toEqual([global('key1', 4), global('key2', 4)]);
  });

  test('WindowOperatorTest.testLateness: a purging event-time trigger with lateness 500 fires an allowed-late record alone', () => {
    const w = windowChain({
      assigner: { type: 'tumbling', sizeMs: 2000, time: 'event' },
      trigger: { type: 'eventTime', purging: true },
      allowedLatenessMs: 500,
    });
    w.element('key2', 1, 500);
    w.watermark(1500);
    w.element('key2', 1, 1300);
    w.watermark(2300);
    // Not dropped: maxTimestamp 1999 + lateness 500 > 2300. It fires at once, alone: the firing at 2300 purged.
    w.element('key2', 1, 1997);
    w.watermark(6000);
    // Dropped: 1999 + 500 ≤ 6000 (Flink drops it; Sluice sends it to the late side output).
    w.element('key2', 1, 1998);
    w.watermark(7000);
    expect(w.main.emitted).toEqual([
      watermark(1500),
      timed('key2', 0, 2000, 2),
      watermark(2300),
      timed('key2', 0, 2000, 1),
      watermark(6000),
      watermark(7000),
    ]);
    expect(w.late.emitted.filter((e) => e.kind === 'side')).toEqual([
      { kind: 'side', tag: 'late', record: record({ k: 'key2', n: 1 }, 1998) },
    ]);
  });
});

describe('global windows and triggers', () => {
  test('a global window fires only through its trigger: a count trigger without purging emits the running total', () => {
    const w = windowChain({ assigner: { type: 'global' }, trigger: { type: 'count', count: 2 } });
    for (const n of [1, 2, 3, 4, 5]) w.element('a', n, n);
    w.watermark(Number.POSITIVE_INFINITY);
    expect(w.main.emitted).toEqual([global('a', 3), global('a', 10), watermark(Number.POSITIVE_INFINITY)]);
  });

  test('a global window without a trigger never fires, not even at the end of event time', () => {
    const w = windowChain({ assigner: { type: 'global' } });
    for (const n of [1, 2, 3]) w.element('a', n, n);
    w.watermark(Number.POSITIVE_INFINITY);
    expect(w.main.emitted).toEqual([watermark(Number.POSITIVE_INFINITY)]);
  });

  test('an event-time trigger on a global window fires once, at the end of event time', () => {
    const w = windowChain({ assigner: { type: 'global' }, trigger: { type: 'eventTime' } });
    for (const n of [1, 2, 3]) w.element('a', n, n);
    w.watermark(100);
    w.watermark(Number.POSITIVE_INFINITY);
    expect(w.main.emitted).toEqual([watermark(100), global('a', 6), watermark(Number.POSITIVE_INFINITY)]);
  });

  test('a continuous event-time trigger fires the open window at every interval of event time, then at its end', () => {
    const w = windowChain({
      assigner: { type: 'tumbling', sizeMs: 10, time: 'event' },
      trigger: { type: 'continuousEventTime', intervalMs: 3 },
    });
    w.element('a', 1, 1);
    w.element('a', 2, 2);
    w.watermark(3);
    w.element('a', 3, 5);
    w.watermark(6);
    w.element('a', 4, 7);
    w.watermark(9);
    w.watermark(20);
    expect(w.main.emitted).toEqual([
      timed('a', 0, 10, 3),
      watermark(3),
      timed('a', 0, 10, 6),
      watermark(6),
      timed('a', 0, 10, 10),
      watermark(9),
      watermark(20),
    ]);
  });

  test('a count trigger replaces a tumbling window’s own: it fires every 2 records, and no more at the window’s end', () => {
    const w = windowChain({
      assigner: { type: 'tumbling', sizeMs: 10, time: 'event' },
      trigger: { type: 'count', count: 2, purging: true },
    });
    for (const [n, t] of [
      [1, 1],
      [2, 2],
      [3, 3],
    ] as const)
      w.element('a', n, t);
    w.watermark(Number.POSITIVE_INFINITY);
    expect(w.main.emitted).toEqual([timed('a', 0, 10, 3), watermark(Number.POSITIVE_INFINITY)]);
  });
});

describe('count windows in step mode', () => {
  test('each firing of a count window is a fired window of the global window [−∞, +∞)', () => {
    const job: JobGraph = {
      version: 1,
      name: 'count windows',
      operators: [
        {
          id: 'src',
          kind: 'source.collection',
          parallelism: 1,
          params: { elements: [1, 2, 3, 4, 5].map((n) => ({ value: { k: 'a', n } })) },
        },
        {
          id: 'win',
          kind: 'window',
          parallelism: 1,
          params: { assigner: { type: 'count', size: 2 }, aggregate: { sum: 'n' } },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'win', partitioner: 'hash', key: 'r => r.k' },
        { source: 'win', target: 'out', partitioner: 'forward' },
      ],
    };
    const session = createStepSession(job, { seed: 2 });
    const fired: FiredWindow[] = [];
    for (let event = session.step(); event !== null; event = session.step()) fired.push(...(event.firedWindows ?? []));
    const all = { operatorId: 'win', key: 'a', start: Number.MIN_SAFE_INTEGER, end: END_OF_EVENT_TIME };
    expect(fired).toEqual([
      { ...all, value: 3 },
      { ...all, value: 7 },
    ]);
    expect(session.result().sinks.out).toEqual([
      { key: 'a', value: 3 },
      { key: 'a', value: 7 },
    ]);
  });
});
