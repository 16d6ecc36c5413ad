/**
 * The WindowOperator's rules one at a time (§5 Lateness, §6 Windows), driven directly with a manual clock:
 * assigners, aggregates, session merging internals (moved timers, retired windows), processing time, errors.
 */
import type { ParamsOf } from '@sluice/model';
import { describe, expect, test } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP, record, watermark, type StreamRecord } from '../../src/elements/stream-element.js';
import { compileUserFunction } from '../../src/functions/user-function.js';
import { KeyedStateBackend } from '../../src/operators/keyed/keyed-state-backend.js';
import { createWindowAggregate, reduceAggregate, type AggregateParams } from '../../src/windowing/window-aggregates.js';
import { createTrigger } from '../../src/windowing/triggers.js';
import { countEvictor, createWindowAssigner } from '../../src/windowing/window-assigners.js';
import { WindowOperator } from '../../src/windowing/window-operator.js';
import { ManualTime, RecordingOutput, testChain } from '../operators/chain-harness.js';

type Assigner = ParamsOf<'window'>['assigner'];

function windowOperator(
  assigner: Assigner,
  options: {
    aggregate?: AggregateParams;
    reduce?: string;
    allowedLatenessMs?: number;
    keyed?: boolean;
    lateOutput?: boolean;
    trigger?: ParamsOf<'window'>['trigger'];
  } = {},
) {
  const time = new ManualTime();
  const output = new RecordingOutput();
  const reduce = options.reduce === undefined ? undefined : compileUserFunction(options.reduce, 'win', 'reduce');
  const operator = new WindowOperator(
    {
      operatorId: 'win',
      assigner: createWindowAssigner(assigner, 'params.assigner'),
      trigger: createTrigger({ assigner, trigger: options.trigger }),
      evictor: countEvictor(assigner),
      aggregate: reduce
        ? reduceAggregate((a, v) => reduce(a, v))
        : createWindowAggregate(options.aggregate ?? { count: true }, 'win'),
      allowedLatenessMs: options.allowedLatenessMs ?? 0,
      keySelector: options.keyed ? (v) => (v as { k: string }).k : undefined,
      lateOutput: options.lateOutput ?? true,
    },
    new KeyedStateBackend(128),
    output,
    time,
  );
  operator.open();
  return { operator, output, time };
}

const results = (output: RecordingOutput) =>
  output.records.map((r) => r.value as { key: unknown; start: number; end: number; value: unknown });
const windowsOf = (output: RecordingOutput) =>
  results(output).map(({ start, end, value }) => `[${start},${end})=${JSON.stringify(value)}`);

describe('assigners (§6)', () => {
  test('sliding size 10 slide 5: a timestamp lies in two windows, newest first (§6 Sliding)', () => {
    const assigner = createWindowAssigner({ type: 'sliding', sizeMs: 10, slideMs: 5, time: 'event' }, 'a');
    expect(assigner.assignWindows(7)).toEqual([
      { start: 5, end: 15 },
      { start: 0, end: 10 },
    ]);
    expect(assigner.assignWindows(-3)).toEqual([
      { start: -5, end: 5 },
      { start: -10, end: 0 },
    ]);
  });

  test('tumbling with offset, and Java remainder for negative timestamps (§6 Window start, getWindowStartWithOffset)', () => {
    expect(
      createWindowAssigner({ type: 'tumbling', sizeMs: 5, offsetMs: 2, time: 'event' }, 'a').assignWindows(1),
    ).toEqual([{ start: -3, end: 2 }]);
    expect(createWindowAssigner({ type: 'tumbling', sizeMs: 5, time: 'event' }, 'a').assignWindows(-1)).toEqual([
      { start: -5, end: 0 },
    ]);
  });

  test('an offset not smaller than the size (or slide) is rejected, naming the field', () => {
    expect(() =>
      createWindowAssigner({ type: 'tumbling', sizeMs: 5, offsetMs: 5, time: 'event' }, 'operator "w" params.assigner'),
    ).toThrow('operator "w" params.assigner.offsetMs: must satisfy |offsetMs| < sizeMs (5), got 5');
    expect(() =>
      createWindowAssigner({ type: 'sliding', sizeMs: 10, slideMs: 3, offsetMs: -3, time: 'event' }, 'p'),
    ).toThrow('p.offsetMs: must satisfy |offsetMs| < slideMs (3), got -3');
  });

  test('sliding windows fire each at its own end − 1, every element counted in each of its windows', () => {
    const { operator, output } = windowOperator({ type: 'sliding', sizeMs: 10, slideMs: 5, time: 'event' });
    for (const ts of [1, 6, 12]) operator.processElement(record('x', ts));
    operator.processWatermark(watermark(9));
    expect(windowsOf(output)).toEqual(['[-5,5)=1', '[0,10)=2']);
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    expect(windowsOf(output)).toEqual(['[-5,5)=1', '[0,10)=2', '[5,15)=2', '[10,20)=1']);
  });
});

describe('session windows merge (§6 Session)', () => {
  test('[1,4) and [2,5) merge into [1,5): the trigger timer moves 3 → 4, state merges, the old cleanup timer goes', () => {
    const { operator } = windowOperator({ type: 'session', gapMs: 3, time: 'event' });
    operator.processElement(record('a', 1));
    expect(operator.inspect()).toEqual({
      timers: [{ time: 3, domain: 'event' }],
      windows: [{ key: null, start: 1, end: 4, value: 1, count: 1 }],
    });
    operator.processElement(record('b', 2));
    expect(operator.inspect()).toEqual({
      timers: [{ time: 4, domain: 'event' }],
      windows: [{ key: null, start: 1, end: 5, value: 2, count: 2 }],
    });
  });

  test('touching windows merge: [1,5) and [8,12) joined by [5,9)', () => {
    const { operator, output } = windowOperator(
      { type: 'session', gapMs: 4, time: 'event' },
      { aggregate: { sum: '' } },
    );
    for (const [ts, v] of [
      [1, 1],
      [8, 10],
      [5, 100],
    ] as const)
      operator.processElement(record(v, ts));
    expect(operator.inspect().windows).toEqual([{ key: null, start: 1, end: 12, value: 111, count: 3 }]);
    expect(operator.inspect().timers).toEqual([{ time: 11, domain: 'event' }]);
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    expect(windowsOf(output)).toEqual(['[1,12)=111']);
  });

  test('an element inside an existing session joins it without merging; a fired session is retired and does not merge again', () => {
    const { operator, output } = windowOperator({ type: 'session', gapMs: 10, time: 'event' });
    operator.processElement(record('a', 0));
    operator.processElement(record('b', 0));
    expect(operator.inspect().windows).toEqual([{ key: null, start: 0, end: 10, value: 2, count: 2 }]);
    operator.processWatermark(watermark(9));
    expect(operator.inspect()).toEqual({ timers: [], windows: [] });
    // 5 + 10 > 9: a new, not late session [5,15), which would have merged with the retired [0,10).
    operator.processElement(record('c', 5));
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    expect(windowsOf(output)).toEqual(['[0,10)=2', '[5,15)=1']);
  });

  test('keys merge separately, and inspect shows each key', () => {
    const { operator } = windowOperator({ type: 'session', gapMs: 3, time: 'event' }, { keyed: true });
    operator.processElement(record({ k: 'a' }, 1));
    operator.processElement(record({ k: 'b' }, 2));
    expect(operator.inspect()).toEqual({
      timers: [
        { time: 3, domain: 'event', key: 'a' },
        { time: 4, domain: 'event', key: 'b' },
      ],
      windows: [
        { key: 'a', start: 1, end: 4, value: 1, count: 1 },
        { key: 'b', start: 2, end: 5, value: 1, count: 1 },
      ],
    });
  });
});

describe('lateness (§5 Lateness, §6 EventTimeTrigger)', () => {
  test('allowed lateness: the window lives until its cleanup timer at maxTimestamp + L, then is gone', () => {
    const { operator, output } = windowOperator(
      { type: 'tumbling', sizeMs: 5, time: 'event' },
      { allowedLatenessMs: 3 },
    );
    operator.processElement(record('a', 1));
    expect(operator.inspect().timers).toEqual([
      { time: 4, domain: 'event' },
      { time: 7, domain: 'event' },
    ]);
    operator.processWatermark(watermark(6));
    expect(operator.inspect()).toEqual({
      timers: [{ time: 7, domain: 'event' }],
      windows: [{ key: null, start: 0, end: 5, value: 1, count: 1 }],
    });
    operator.processElement(record('b', 2)); // late but allowed: fires again at once with the full contents
    operator.processWatermark(watermark(7));
    expect(operator.inspect()).toEqual({ timers: [], windows: [] });
    operator.processElement(record('c', 3)); // 3 + 3 ≤ 7: late
    expect(windowsOf(output)).toEqual(['[0,5)=1', '[0,5)=2']);
    expect(output.emitted.filter((e) => e.kind === 'side')).toEqual([
      { kind: 'side', tag: 'late', record: record('c', 3) },
    ]);
  });

  test('lateOutput: false drops late records instead of sending them to the side output', () => {
    const { operator, output } = windowOperator({ type: 'tumbling', sizeMs: 5, time: 'event' }, { lateOutput: false });
    operator.processWatermark(watermark(10));
    operator.processElement(record('late', 2));
    expect(output.emitted).toEqual([watermark(10)]);
  });

  test('results carry the timestamp end − 1 and precede the watermark that fired them', () => {
    const { operator, output } = windowOperator({ type: 'tumbling', sizeMs: 5, time: 'event' });
    operator.processElement(record('a', 3));
    operator.processWatermark(watermark(4));
    expect(output.emitted).toEqual([record({ key: null, start: 0, end: 5, value: 1 }, 4), watermark(4)]);
  });
});

describe('aggregates', () => {
  const values = [{ k: 'a', n: 4 }, { k: 'a', n: 1 }, { k: 'a', n: 7 }, { k: 'a' }];
  const run = (options: Parameters<typeof windowOperator>[1], input: unknown[] = values.slice(0, 3)) => {
    const { operator, output } = windowOperator(
      { type: 'tumbling', sizeMs: 10, time: 'event' },
      { keyed: true, ...options },
    );
    for (const v of input) operator.processElement(record(v, 1));
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    return results(output).map((r) => r.value);
  };

  test.each([
    [{ sum: 'n' }, 12],
    [{ min: 'n' }, 1],
    [{ max: 'n' }, 7],
    [{ avg: 'n' }, 4],
    [{ count: true }, 3],
  ] as [AggregateParams, number][])('%j of n over 4, 1, 7', (aggregate, expected) => {
    expect(run({ aggregate })).toEqual([expected]);
  });

  test('count of a field counts the records that have it; a plain value with the field ""', () => {
    expect(run({ aggregate: { count: 'n' } }, values)).toEqual([3]);
    const { operator, output } = windowOperator(
      { type: 'tumbling', sizeMs: 10, time: 'event' },
      { aggregate: { max: '' } },
    );
    for (const v of ['pear', 'apple', 'quince']) operator.processElement(record(v, 1));
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    expect(results(output).map((r) => r.value)).toEqual(['quince']);
  });

  test('a user reduce: the first element is the accumulator; results are copies', () => {
    expect(run({ reduce: '(acc, v) => { acc.n = acc.n * 10 + v.n; return acc; }' })).toEqual([{ k: 'a', n: 417 }]);
  });

  test("a value that does not fit fails as the operator's error, naming the field", () => {
    expect(() => run({ aggregate: { sum: 'n' } }, values)).toThrow('sum: field "n" must be a number, got undefined');
    expect(() => run({ aggregate: { min: 'n' } }, [{ n: 1 }, { n: 'x' }])).toThrow(
      'min: field "n" mixes numbers and strings',
    );
  });
});

describe('processing time (§6, Flink ProcessingTimeTrigger)', () => {
  test('windows are assigned by the task clock and fire once it passes end − 1', () => {
    const { operator, output, time } = windowOperator(
      { type: 'tumbling', sizeMs: 5, time: 'processing' },
      { aggregate: { sum: '' } },
    );
    operator.processElement(record(1, 1_000)); // the event timestamp plays no part
    time.advance(3);
    operator.processElement(record(2));
    expect(operator.inspect().timers).toEqual([{ time: 4, domain: 'processing' }]);
    time.advance(1); // now 4 = maxTimestamp: not yet
    expect(output.records).toEqual([]);
    time.advance(1); // now 5
    expect(output.records).toEqual([record({ key: null, start: 0, end: 5, value: 3 }, 4)]);
    expect(operator.inspect()).toEqual({ timers: [], windows: [] });
    time.advance(2);
    operator.processElement(record(10));
    // Watermarks do not fire processing-time windows.
    operator.processWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    expect(operator.inspect().windows).toEqual([{ key: null, start: 5, end: 10, value: 10, count: 1 }]);
    time.advance(3);
    expect(results(output).map((r) => r.value)).toEqual([3, 10]);
    operator.close();
    expect(time.pendingTimers).toBe(0);
  });

  test('processing-time sessions merge by arrival time and fire once the clock passes the merged end − 1', () => {
    const { operator, output, time } = windowOperator({ type: 'session', gapMs: 3, time: 'processing' });
    operator.processElement(record('a'));
    time.advance(2);
    operator.processElement(record('b'));
    expect(operator.inspect()).toEqual({
      timers: [{ time: 4, domain: 'processing' }],
      windows: [{ key: null, start: 0, end: 5, value: 2, count: 2 }],
    });
    time.advance(2);
    expect(output.records).toEqual([]);
    time.advance(1);
    expect(output.records).toEqual([record({ key: null, start: 0, end: 5, value: 2 }, 4)]);
  });

  test('closing drops pending processing-time windows, as Flink quiesces its timer service at the end', () => {
    const { operator, output, time } = windowOperator({ type: 'tumbling', sizeMs: 5, time: 'processing' });
    operator.processElement(record('a'));
    operator.close();
    time.advance(10);
    expect(output.records).toEqual([]);
  });
});

describe('bad input', () => {
  test('so does a record whose timestamp is MIN_TIMESTAMP, what a watermarks operator without a timestamp function gives it', () => {
    const { chain } = testChain({
      operators: [
        { id: 'wm', kind: 'watermarks', params: { strategy: 'monotonous' } },
        {
          id: 'win',
          kind: 'window',
          params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { count: true } },
        },
      ],
      chainedEdges: [{ source: 'wm', target: 'win' }],
    });
    chain.open();
    expect(() => chain.input!.processElement(record('no time'))).toThrow(
      'operator "win": an event-time window needs records with timestamps, got "no time" without one',
    );
    chain.close();
  });

  test('an event-time window fails on a record without a timestamp, saying what to add', () => {
    const { operator } = windowOperator({ type: 'tumbling', sizeMs: 5, time: 'event' });
    expect(() => operator.processElement(record('x') as StreamRecord)).toThrow(
      'operator "win": an event-time window needs records with timestamps, got "x" without one; put a "watermarks" operator before it or give the source\'s elements a timestamp',
    );
  });
});
