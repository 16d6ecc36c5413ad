/**
 * The two-input operators (design.md, two inputs), driven directly with a manual clock. Each test replays the Flink
 * test of its name (CoStreamMapTest, CoStreamFlatMapTest, KeyedCoProcessOperatorTest and the LegacyKeyedCoProcess-
 * OperatorTest it extends, CoProcessOperatorTest): the same input sequence of elements and watermarks per input,
 * the same expected output, element for element.
 *
 * As in process-operator.test.ts, a processing-time timer t fires once the clock has passed t (as a TaskManager's
 * clock fires it), so where the Flink test sets processing time t to fire timer t, these tests set t + 1.
 */
import { describe, expect, test } from 'vitest';
import { record, watermark } from '../../src/elements/stream-element.js';
import { compileUserFunction, type RuntimeContext } from '../../src/functions/user-function.js';
import { CoMapOperator } from '../../src/operators/co/co-map-operator.js';
import { CoProcessOperator } from '../../src/operators/co/co-process-operator.js';
import { KeyedStateBackend } from '../../src/operators/keyed/keyed-state-backend.js';
import { ProcessOperator } from '../../src/operators/process/process-operator.js';
import { FlatMapOperator } from '../../src/operators/transformations/flat-map-operator.js';
import { MapOperator } from '../../src/operators/transformations/map-operator.js';
import { ManualTime, RecordingOutput } from './chain-harness.js';

const runtimeContext: RuntimeContext = {
  subtaskIndex: 0,
  parallelism: 1,
  maxParallelism: 128,
  attemptNumber: 0,
  taskName: 'co',
};
const wm = (t: number) => watermark(t);
const compile = (source: string, param: string) => compileUserFunction(source, 'co', `params.${param}`);

describe("Flink's CoStreamMapTest and CoStreamFlatMapTest, replayed", () => {
  /** MyCoMap: Java's toString of a Double and an Integer, as JavaScript's String of these numbers. */
  const javaString = '(value) => String(value)';

  test('testCoMap: each input through its own function, timestamps kept, the watermark is the minimum of both', () => {
    const output = new RecordingOutput();
    const map = (param: string) => new MapOperator(compile(javaString, param), runtimeContext, output);
    const operator = new CoMapOperator(map('fn1'), map('fn2'), output);
    operator.open();
    for (const [v, t] of [
      [1.1, 1],
      [1.2, 2],
      [1.3, 3],
    ] as const)
      operator.processElement1(record(v, t));
    operator.processWatermark1(wm(3));
    for (const [v, t] of [
      [1.4, 4],
      [1.5, 5],
    ] as const)
      operator.processElement1(record(v, t));
    operator.processElement2(record(1, 1));
    operator.processElement2(record(2, 2));
    operator.processWatermark2(wm(2));
    for (const t of [3, 4, 5]) operator.processElement2(record(t, t));
    expect(output.emitted).toEqual([
      record('1.1', 1),
      record('1.2', 2),
      record('1.3', 3),
      record('1.4', 4),
      record('1.5', 5),
      record('1', 1),
      record('2', 2),
      wm(2),
      record('3', 3),
      record('4', 4),
      record('5', 5),
    ]);
  });

  test('testCoFlatMap: every value a function yields goes out with its input timestamp', () => {
    const output = new RecordingOutput();
    const flatMap = (source: string, param: string) =>
      new FlatMapOperator('co', compile(source, param), runtimeContext, output);
    // CoStreamFlatMapTest's MyCoFlatMap: flatMap1 splits a string into its characters, flatMap2 emits the int's string.
    const operator = new CoMapOperator(
      flatMap('(value) => [...value]', 'fn1'),
      flatMap('(value) => [String(value)]', 'fn2'),
      output,
    );
    operator.open();
    operator.processElement1(record('abc', 1));
    operator.processElement1(record('def', 2));
    operator.processWatermark1(wm(2));
    operator.processElement1(record('ghi', 3));
    operator.processElement2(record(1, 1));
    operator.processElement2(record(2, 2));
    operator.processWatermark2(wm(3));
    operator.processElement2(record(3, 3));
    operator.processElement2(record(4, 4));
    operator.processElement2(record(5, 5));
    expect(output.emitted).toEqual([
      ...[...'abc'].map((c) => record(c, 1)),
      ...[...'def'].map((c) => record(c, 2)),
      ...[...'ghi'].map((c) => record(c, 3)),
      record('1', 1),
      record('2', 2),
      wm(2),
      record('3', 3),
      record('4', 4),
      record('5', 5),
    ]);
  });
});

interface CoSources {
  fn1: string;
  fn2: string;
  onTimer?: string;
}

/**
 * A coProcess as the factory builds it: keyed as KeyedTwoInputStreamOperatorTestHarness keys Flink's tests (input 1
 * by IntToStringKeySelector, input 2 by IdentityKeySelector), or not keyed at all.
 */
function coProcess(sources: CoSources, keyed = true) {
  const time = new ManualTime();
  const output = new RecordingOutput();
  const key1 = (value: unknown) => `${String(value)}`;
  const key2 = (value: unknown) => value;
  const create = () => {
    const functions = {
      processElement: compile(sources.fn1, 'fn1'),
      onTimer: sources.onTimer === undefined ? undefined : compile(sources.onTimer, 'onTimer'),
    };
    const config = { operatorId: 'co', functions, runtimeContext };
    const process = keyed
      ? new ProcessOperator(
          { ...config, keyed: { keySelector: key1, state: new KeyedStateBackend(128) } },
          output,
          time,
        )
      : new ProcessOperator(config, output, time);
    return new CoProcessOperator(process, {
      processElement: compile(sources.fn2, 'fn2'),
      keySelector: keyed ? key2 : undefined,
    });
  };
  return { create, time, output };
}

function opened(sources: CoSources, keyed = true) {
  const h = coProcess(sources, keyed);
  const operator = h.create();
  operator.open();
  return { ...h, operator };
}

const bothWatermarks = (operator: CoProcessOperator, t: number) => {
  operator.processWatermark1(wm(t));
  operator.processWatermark2(wm(t));
};

const eventTimeTriggering = {
  fn1: `(value, ctx, out) => { out.collect('INPUT1:' + value); ctx.timerService().registerEventTimeTimer(5); }`,
  fn2: `(value, ctx, out) => { out.collect('INPUT2:' + value); ctx.timerService().registerEventTimeTimer(6); }`,
};

/** LegacyKeyedCoProcessOperatorTest's stateful functions: the first value of a key sets a timer, the second deletes it. */
const statefulHandler = (input: number, register: string, current: string, now: string) => `(value, ctx, out) => {
  const state = ctx.state.value('seen-element');
  const timers = ctx.timerService();
  if (state.value() === null) {
    out.collect('INPUT${input}:' + value);
    state.update(String(value));
    timers.${register}(timers.${current}() + 5);
  } else {
    state.clear();
    timers.${register.replace('register', 'delete')}(timers.${now}() + 4);
  }
}`;

describe("Flink's KeyedCoProcessOperatorTest, replayed", () => {
  test('testGetCurrentKeyFromContext: each input is keyed by its own selector', () => {
    const repeatKey = `(value, ctx, out) => out.collect(value + ',' + ctx.getCurrentKey())`;
    const { operator, output } = opened({ fn1: repeatKey, fn2: repeatKey });
    operator.processElement1(record(5));
    operator.processElement1(record(6));
    operator.processElement2(record('hello'));
    operator.processElement2(record('world'));
    expect(output.emitted).toEqual([record('5,5'), record('6,6'), record('hello,hello'), record('world,world')]);
  });

  test('testGetCurrentKeyFromTimers: a timer fires under the key that set it, once both watermarks pass it', () => {
    const { operator, output } = opened({
      ...eventTimeTriggering,
      onTimer: `(timestamp, ctx, out) => {
        if (ctx.timeDomain() !== 'EVENT_TIME') throw new Error(ctx.timeDomain());
        out.collect(ctx.getCurrentKey() + ':' + 1777);
      }`,
    });
    operator.processElement1(record(17, 42));
    operator.processElement2(record('18', 42));
    bothWatermarks(operator, 5);
    bothWatermarks(operator, 6);
    expect(output.emitted).toEqual([
      record('INPUT1:17', 42),
      record('INPUT2:18', 42),
      record('17:1777', 5),
      wm(5),
      record('18:1777', 6),
      wm(6),
    ]);
  });

  test('testTimestampAndWatermarkQuerying: ctx sees the combined watermark and the element timestamp', () => {
    const querying = `(value, ctx, out) => out.collect(value + 'WM:' + ctx.timerService().currentWatermark() + ' TS:' + ctx.timestamp())`;
    const { operator, output } = opened({ fn1: querying, fn2: querying });
    bothWatermarks(operator, 17);
    operator.processElement1(record(5, 12));
    bothWatermarks(operator, 42);
    operator.processElement2(record('6', 13));
    expect(output.emitted).toEqual([wm(17), record('5WM:17 TS:12', 12), wm(42), record('6WM:42 TS:13', 13)]);
  });

  test('testTimestampAndProcessingTimeQuerying: ctx sees the processing time; a record without timestamp has null', () => {
    const querying = `(value, ctx, out) => out.collect(value + 'PT:' + ctx.timerService().currentProcessingTime() + ' TS:' + ctx.timestamp())`;
    const { operator, output, time } = opened({ fn1: querying, fn2: querying });
    time.advance(17);
    operator.processElement1(record(5));
    time.advance(42 - 17);
    operator.processElement2(record('6'));
    expect(output.emitted).toEqual([record('5PT:17 TS:null'), record('6PT:42 TS:null')]);
  });

  test('testEventTimeTimers: timers of both inputs fire in time order, each before its watermark', () => {
    const { operator, output } = opened({
      ...eventTimeTriggering,
      onTimer: `(timestamp, ctx, out) => out.collect('' + 1777)`,
    });
    operator.processElement1(record(17, 42));
    operator.processElement2(record('18', 42));
    bothWatermarks(operator, 5);
    bothWatermarks(operator, 6);
    expect(output.emitted).toEqual([
      record('INPUT1:17', 42),
      record('INPUT2:18', 42),
      record('1777', 5),
      wm(5),
      record('1777', 6),
      wm(6),
    ]);
  });

  test('testProcessingTimeTimers: processing-time timers emit without a timestamp', () => {
    const { operator, output, time } = opened({
      fn1: `(value, ctx, out) => { out.collect('INPUT1:' + value); ctx.timerService().registerProcessingTimeTimer(5); }`,
      fn2: `(value, ctx, out) => { out.collect('INPUT2:' + value); ctx.timerService().registerProcessingTimeTimer(6); }`,
      onTimer: `(timestamp, ctx, out) => {
        if (ctx.timeDomain() !== 'PROCESSING_TIME') throw new Error(ctx.timeDomain());
        out.collect('' + 1777);
      }`,
    });
    operator.processElement1(record(17));
    operator.processElement2(record('18'));
    time.advance(5 + 1);
    time.advance(1);
    expect(output.emitted).toEqual([record('INPUT1:17'), record('INPUT2:18'), record('1777'), record('1777')]);
  });

  test('testEventTimeTimerWithState: state and timers of one key do not leak into another', () => {
    const { operator, output } = opened({
      fn1: statefulHandler(1, 'registerEventTimeTimer', 'currentWatermark', 'currentWatermark'),
      fn2: statefulHandler(2, 'registerEventTimeTimer', 'currentWatermark', 'currentWatermark'),
      onTimer: `(timestamp, ctx, out) => out.collect('STATE:' + ctx.state.value('seen-element').value())`,
    });
    bothWatermarks(operator, 1);
    operator.processElement1(record(17, 0)); // sets a timer for 6
    operator.processElement1(record(13, 0)); // sets a timer for 6
    bothWatermarks(operator, 2);
    operator.processElement1(record(13, 1)); // deletes its timer
    operator.processElement2(record('42', 1)); // sets a timer for 7
    bothWatermarks(operator, 6);
    bothWatermarks(operator, 7);
    expect(output.emitted).toEqual([
      wm(1),
      record('INPUT1:17', 0),
      record('INPUT1:13', 0),
      wm(2),
      record('INPUT2:42', 1),
      record('STATE:17', 6),
      wm(6),
      record('STATE:42', 7),
      wm(7),
    ]);
  });

  test('testProcessingTimeTimerWithState: the same with processing-time timers', () => {
    const { operator, output, time } = opened({
      fn1: statefulHandler(1, 'registerProcessingTimeTimer', 'currentProcessingTime', 'currentProcessingTime'),
      fn2: statefulHandler(2, 'registerProcessingTimeTimer', 'currentProcessingTime', 'currentProcessingTime'),
      onTimer: `(timestamp, ctx, out) => out.collect('STATE:' + ctx.state.value('seen-element').value())`,
    });
    time.advance(1);
    operator.processElement1(record(17)); // sets a timer for 6
    operator.processElement1(record(13)); // sets a timer for 6
    time.advance(1);
    operator.processElement1(record(13)); // deletes its timer
    operator.processElement2(record('42')); // sets a timer for 7
    time.advance(6 + 1 - 2);
    time.advance(1);
    expect(output.emitted).toEqual([
      record('INPUT1:17'),
      record('INPUT1:13'),
      record('INPUT2:42'),
      record('STATE:17'),
      record('STATE:42'),
    ]);
  });

  test('testSnapshotAndRestore: timers of both domains set through both inputs survive a snapshot', () => {
    const both = {
      fn1: `(value, ctx, out) => ctx.timerService().registerEventTimeTimer(6)`,
      fn2: `(value, ctx, out) => ctx.timerService().registerProcessingTimeTimer(5)`,
      onTimer: `(timestamp, ctx, out) => out.collect((ctx.timeDomain() === 'EVENT_TIME' ? 'EVENT:' : 'PROC:') + 1777)`,
    };
    const first = opened(both);
    first.operator.processElement1(record(5, 12));
    first.operator.processElement2(record('5', 12));
    const snapshot = structuredClone(first.operator.snapshotState());
    first.operator.close();

    const { create, output, time } = coProcess(both);
    const restored = create();
    restored.initializeState(snapshot);
    restored.open();
    time.advance(5 + 1);
    bothWatermarks(restored, 6);
    expect(output.emitted).toEqual([record('PROC:1777'), record('EVENT:1777', 6), wm(6)]);
  });
});

describe("Flink's CoProcessOperatorTest, replayed", () => {
  test('testTimestampAndWatermarkQuerying: a non-keyed coProcess sees the combined watermark', () => {
    const querying = `(value, ctx, out) => out.collect(value + 'WM:' + ctx.timerService().currentWatermark() + ' TS:' + ctx.timestamp())`;
    const { operator, output } = opened({ fn1: querying, fn2: querying }, false);
    bothWatermarks(operator, 17);
    operator.processElement1(record(5, 12));
    bothWatermarks(operator, 42);
    operator.processElement2(record('6', 13));
    expect(output.emitted).toEqual([wm(17), record('5WM:17 TS:12', 12), wm(42), record('6WM:42 TS:13', 13)]);
  });

  test("timers on a non-keyed coProcess fail with Flink's message", () => {
    const { operator } = opened(
      { fn1: `(value, ctx, out) => ctx.timerService().registerEventTimeTimer(5)`, fn2: `(value, ctx, out) => {}` },
      false,
    );
    expect(() => operator.processElement1(record(1, 1))).toThrow(
      'Setting timers is only supported on a keyed streams.',
    );
  });
});

describe('the watermark of a two-input operator (§5: the minimum over its inputs)', () => {
  test('advances only as far as the slower input, and an idle input leaves the minimum', () => {
    const { operator, output } = opened({ fn1: '(v, ctx, out) => {}', fn2: '(v, ctx, out) => {}' }, false);
    operator.processWatermark1(wm(5));
    operator.processWatermark2(wm(3));
    operator.processWatermark2(wm(4));
    operator.processWatermark1(wm(9));
    operator.processWatermarkStatus2({ kind: 'watermarkStatus', idle: true });
    operator.processWatermark1(wm(12));
    operator.processWatermarkStatus1({ kind: 'watermarkStatus', idle: true });
    expect(output.emitted).toEqual([wm(3), wm(4), wm(9), wm(12), { kind: 'watermarkStatus', idle: true }]);
  });
});
