/**
 * The process function (design.md, process functions), driven directly with a manual clock. The first block
 * replays Flink's own KeyedProcessOperatorTest: each test feeds the input sequence of the Flink test of that name
 * and expects its output, element for element (records with their timestamps, and watermarks).
 *
 * One difference in the clock, not in the output: Flink's test harness fires a processing-time timer t when its
 * clock is set to t, while a TaskManager fires it once the wall clock has passed t (Flink's
 * SystemProcessingTimeService schedules it t − now + 1 ms ahead). Sluice fires it as the TaskManager does on every
 * clock, so where the Flink test sets processing time t to fire timer t, these tests set t + 1.
 */
import { describe, expect, test } from 'vitest';
import { record, watermark } from '../../src/elements/stream-element.js';
import { compileUserFunction, type RuntimeContext } from '../../src/functions/user-function.js';
import { KeyedStateBackend } from '../../src/operators/keyed/keyed-state-backend.js';
import { ProcessOperator } from '../../src/operators/process/process-operator.js';
import type { OperatorSubtaskState } from '../../src/checkpoint/task-state-snapshot.js';
import { MIN_TIMESTAMP } from '../../src/time/timestamps.js';
import { repartitionVertexState } from '../../src/checkpoint/repartition.js';
import { ManualTime, RecordingOutput } from './chain-harness.js';

const runtimeContext: RuntimeContext = {
  subtaskIndex: 0,
  parallelism: 1,
  maxParallelism: 128,
  attemptNumber: 0,
  taskName: 'process',
};

interface Sources {
  fn: string;
  onTimer?: string;
  open?: string;
  close?: string;
}

/** A process operator as the factory builds it, keyed by `key` (a key selector's source) or not keyed at all. */
function harness(sources: Sources, key: string | null = 'v => v') {
  const time = new ManualTime();
  const output = new RecordingOutput();
  const compile = (source: string | undefined, param: string) =>
    source === undefined ? undefined : compileUserFunction(source, 'proc', `params.${param}`);
  const keySelector = key === null ? undefined : compileUserFunction(key, 'proc', 'key');
  const create = () =>
    new ProcessOperator(
      {
        operatorId: 'proc',
        functions: {
          processElement: compile(sources.fn, 'fn')!,
          onTimer: compile(sources.onTimer, 'onTimer'),
          open: compile(sources.open, 'open'),
          close: compile(sources.close, 'close'),
        },
        runtimeContext,
        ...(keySelector && {
          keyed: { keySelector: (v: unknown) => keySelector(v), state: new KeyedStateBackend(128) },
        }),
      },
      output,
      time,
    );
  return { create, time, output };
}

function opened(sources: Sources, key?: string | null) {
  const h = harness(sources, key);
  const operator = h.create();
  operator.open();
  return { ...h, operator };
}

const wm = (t: number) => watermark(t);

describe("Flink's KeyedProcessOperatorTest, replayed", () => {
  test('testKeyQuerying: ctx.getCurrentKey() is the key of the element being processed', () => {
    const { operator, output } = opened(
      {
        fn: `(value, ctx, out) => {
          if (ctx.getCurrentKey() !== value[0]) throw new Error('wrong key ' + ctx.getCurrentKey());
          out.collect(value[1]);
        }`,
      },
      'v => v[0]',
    );
    operator.processElement(record([5, '5'], 12));
    operator.processElement(record([42, '42'], 13));
    expect(output.emitted).toEqual([record('5', 12), record('42', 13)]);
  });

  const querying = (domain: 'EVENT_TIME' | 'PROCESSING_TIME') => ({
    fn: `(value, ctx, out) => out.collect(value + 'TIME:' + (${domain === 'EVENT_TIME'}
      ? ctx.timerService().currentWatermark() : ctx.timerService().currentProcessingTime()) + ' TS:' + ctx.timestamp())`,
  });

  test('testTimestampAndWatermarkQuerying: the current watermark and the record timestamp', () => {
    const { operator, output } = opened(querying('EVENT_TIME'));
    operator.processWatermark(wm(17));
    operator.processElement(record(5, 12));
    operator.processWatermark(wm(42));
    operator.processElement(record(6, 13));
    expect(output.emitted).toEqual([wm(17), record('5TIME:17 TS:12', 12), wm(42), record('6TIME:42 TS:13', 13)]);
  });

  test('testTimestampAndProcessingTimeQuerying: processing time, and null for a record without timestamp', () => {
    const { operator, output, time } = opened(querying('PROCESSING_TIME'));
    time.advance(17);
    operator.processElement(record(5));
    time.advance(42 - 17);
    operator.processElement(record(6));
    expect(output.emitted).toEqual([record('5TIME:17 TS:null'), record('6TIME:42 TS:null')]);
  });

  const triggering = (domain: 'EVENT_TIME' | 'PROCESSING_TIME') => ({
    fn: `(value, ctx, out) => {
      out.collect(value);
      const timers = ctx.timerService();
      if (${domain === 'EVENT_TIME'}) timers.registerEventTimeTimer(timers.currentWatermark() + 5);
      else timers.registerProcessingTimeTimer(timers.currentProcessingTime() + 5);
    }`,
    onTimer: `(timestamp, ctx, out) => {
      if (ctx.getCurrentKey() !== 17) throw new Error('wrong key ' + ctx.getCurrentKey());
      if (ctx.timeDomain() !== '${domain}') throw new Error('wrong domain ' + ctx.timeDomain());
      out.collect(1777);
    }`,
  });

  test('testEventTimeTimers: the timer fires before the watermark that reached it, emitting at the timer time', () => {
    const { operator, output } = opened(triggering('EVENT_TIME'));
    operator.processWatermark(wm(0));
    operator.processElement(record(17, 42));
    operator.processWatermark(wm(5));
    expect(output.emitted).toEqual([wm(0), record(17, 42), record(1777, 5), wm(5)]);
  });

  test('testProcessingTimeTimers: a processing-time timer emits without a timestamp', () => {
    const { operator, output, time } = opened(triggering('PROCESSING_TIME'));
    operator.processElement(record(17));
    time.advance(5 + 1);
    expect(output.emitted).toEqual([record(17), record(1777)]);
  });

  const stateful = (domain: 'EVENT_TIME' | 'PROCESSING_TIME') => {
    const now = domain === 'EVENT_TIME' ? 'currentWatermark()' : 'currentProcessingTime()';
    const kind = domain === 'EVENT_TIME' ? 'EventTime' : 'ProcessingTime';
    return {
      fn: `(value, ctx, out) => {
        const timers = ctx.timerService();
        const state = ctx.state.value('seen-element');
        if (state.value() === null) {
          out.collect('INPUT:' + value);
          state.update(value);
          timers.register${kind}Timer(timers.${now} + 5);
        } else {
          state.clear();
          timers.delete${kind}Timer(timers.${now} + 4);
        }
      }`,
      onTimer: `(timestamp, ctx, out) => {
        if (ctx.timeDomain() !== '${domain}') throw new Error('wrong domain');
        out.collect('STATE:' + ctx.state.value('seen-element').value());
      }`,
    };
  };

  test('testEventTimeTimerWithState: state and timers of one key do not leak into another; a deleted timer stays silent', () => {
    const { operator, output } = opened(stateful('EVENT_TIME'));
    operator.processWatermark(wm(1));
    operator.processElement(record(17, 0)); // timer for 6
    operator.processElement(record(13, 0)); // timer for 6
    operator.processWatermark(wm(2));
    operator.processElement(record(42, 1)); // timer for 7
    operator.processElement(record(13, 1)); // deletes 13's timer
    operator.processWatermark(wm(6));
    operator.processWatermark(wm(7));
    expect(output.emitted).toEqual([
      wm(1),
      record('INPUT:17', 0),
      record('INPUT:13', 0),
      wm(2),
      record('INPUT:42', 1),
      record('STATE:17', 6),
      wm(6),
      record('STATE:42', 7),
      wm(7),
    ]);
  });

  test('testProcessingTimeTimerWithState: the same in processing time, each timer once its time has passed', () => {
    const { operator, output, time } = opened(stateful('PROCESSING_TIME'));
    time.advance(1);
    operator.processElement(record(17)); // timer for 6
    operator.processElement(record(13)); // timer for 6
    time.advance(1);
    operator.processElement(record(13)); // deletes 13's timer
    operator.processElement(record(42)); // timer for 7
    time.advance(6 + 1 - 2);
    expect(output.values).toEqual(['INPUT:17', 'INPUT:13', 'INPUT:42', 'STATE:17']);
    time.advance(1);
    expect(output.emitted).toEqual([
      record('INPUT:17'),
      record('INPUT:13'),
      record('INPUT:42'),
      record('STATE:17'),
      record('STATE:42'),
    ]);
  });

  test('testSnapshotAndRestore: pending timers of both domains survive a snapshot into a fresh operator', () => {
    const both = {
      fn: `(value, ctx, out) => {
        const timers = ctx.timerService();
        timers.registerProcessingTimeTimer(3);
        timers.registerEventTimeTimer(4);
        timers.registerProcessingTimeTimer(5);
        timers.registerEventTimeTimer(6);
        timers.deleteProcessingTimeTimer(3);
        timers.deleteEventTimeTimer(4);
      }`,
      onTimer: `(timestamp, ctx, out) => {
        if (ctx.getCurrentKey() !== 5) throw new Error('wrong key');
        out.collect(ctx.timeDomain() === 'EVENT_TIME' ? 'EVENT:1777' : 'PROC:1777');
      }`,
    };
    const first = opened(both);
    first.operator.processElement(record(5, 12));
    const snapshot = structuredClone(first.operator.snapshotState());
    first.operator.close();

    const { create, output, time } = harness(both);
    const restored = create();
    restored.initializeState(snapshot);
    restored.open();
    time.advance(5 + 1);
    restored.processWatermark(wm(6));
    expect(output.emitted).toEqual([record('PROC:1777'), record('EVENT:1777', 6), wm(6)]);
  });

  test('testSideOutput: side-output records carry the input timestamp', () => {
    const { operator, output } = opened({
      fn: `(value, ctx, out) => { out.collect('IN:' + value); ctx.output('int-out', value); ctx.output('long-out', value); }`,
    });
    operator.processElement(record(42, 17));
    expect(output.emitted).toEqual([
      record('IN:42', 17),
      { kind: 'side', tag: 'int-out', record: record(42, 17) },
      { kind: 'side', tag: 'long-out', record: record(42, 17) },
    ]);
  });
});

describe('keyed state through ctx.state (design.md, precise points)', () => {
  test('value: null when empty; list: an array; map: keys keep their JSON type; all per key', () => {
    const { operator, output } = opened(
      {
        fn: `(value, ctx, out) => {
          const last = ctx.state.value('last');
          const seen = ctx.state.list('seen');
          const byKind = ctx.state.map('byKind');
          out.collect({ last: last.value(), seen: seen.get(), one: byKind.get(1), oneText: byKind.get('1') });
          last.update(value.n);
          seen.add(value.n);
          byKind.put(value.n % 2, (byKind.get(value.n % 2) ?? 0) + 1);
          byKind.put(String(value.n % 2), 'text');
          out.collect({ entries: byKind.entries(), keys: byKind.keys(), contains: byKind.contains(1) });
        }`,
      },
      'v => v.k',
    );
    operator.processElement(record({ k: 'a', n: 1 }));
    operator.processElement(record({ k: 'b', n: 2 }));
    operator.processElement(record({ k: 'a', n: 3 }));
    expect(output.values).toEqual([
      { last: null, seen: [], one: null, oneText: null },
      {
        entries: [
          [1, 1],
          ['1', 'text'],
        ],
        keys: [1, '1'],
        contains: true,
      },
      { last: null, seen: [], one: null, oneText: null },
      {
        entries: [
          [0, 1],
          ['0', 'text'],
        ],
        keys: [0, '0'],
        contains: false,
      },
      { last: 1, seen: [1], one: 1, oneText: 'text' },
      {
        entries: [
          [1, 2],
          ['1', 'text'],
        ],
        keys: [1, '1'],
        contains: true,
      },
    ]);
  });

  test('the step view sees every key’s state: values, lists, and map entries as [key, value] pairs', () => {
    const { operator } = opened(
      {
        fn: `(value, ctx, out) => {
          ctx.state.value('last').update(value.n);
          ctx.state.list('all').add(value.n);
          ctx.state.map('parity').put(value.n % 2, value.n);
          ctx.timerService().registerEventTimeTimer(10);
        }`,
      },
      'v => v.k',
    );
    for (const [k, n] of [
      ['a', 1],
      [7, 2],
      ['a', 4],
    ] as const)
      operator.processElement(record({ k, n }));
    const byKey = (x: { key: unknown }, y: { key: unknown }) => String(x.key).localeCompare(String(y.key));
    expect(operator.inspect().state!.sort(byKey)).toEqual(
      [
        { key: 'a', name: 'last', kind: 'value', value: 4 },
        { key: 'a', name: 'all', kind: 'list', value: [1, 4] },
        {
          key: 'a',
          name: 'parity',
          kind: 'map',
          value: [
            [1, 1],
            [0, 4],
          ],
        },
        { key: 7, name: 'last', kind: 'value', value: 2 },
        { key: 7, name: 'all', kind: 'list', value: [2] },
        { key: 7, name: 'parity', kind: 'map', value: [[0, 2]] },
      ].sort(byKey),
    );
    expect(operator.inspect().timers).toEqual([
      { time: 10, domain: 'event', key: 'a' },
      { time: 10, domain: 'event', key: 7 },
    ]);
  });

  test('remove, clear and list update; a name is one kind of state', () => {
    const { operator, output } = opened({
      fn: `(value, ctx, out) => {
        const m = ctx.state.map('m');
        m.put('x', 1); m.put('y', 2); m.remove('x');
        const l = ctx.state.list('l');
        l.update([3, 4]); l.add(5);
        out.collect([m.values(), l.get()]);
        m.clear(); l.clear();
        out.collect([m.isEmpty(), l.get()]);
        ctx.state.list('m');
      }`,
    });
    expect(() => operator.processElement(record(1))).toThrow(
      'state "m" is a map state; it cannot also be a list state',
    );
    expect(output.values).toEqual([
      [[2], [3, 4, 5]],
      [true, []],
    ]);
  });

  test('state of every kind and pending timers come back from a checkpoint, key by key', () => {
    const counting = {
      fn: `(value, ctx, out) => {
        const count = ctx.state.value('count');
        count.update((count.value() ?? 0) + 1);
        ctx.state.list('values').add(value.n);
        ctx.state.map('last').put(value.k, value.n);
        ctx.timerService().registerEventTimeTimer(100);
      }`,
      onTimer: `(timestamp, ctx, out) => out.collect({
        key: ctx.getCurrentKey(),
        count: ctx.state.value('count').value(),
        values: ctx.state.list('values').get(),
        last: ctx.state.map('last').entries(),
      })`,
    };
    const first = opened(counting, 'v => v.k');
    for (const [k, n] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
    ] as const)
      first.operator.processElement(record({ k, n }, n));
    const snapshot: OperatorSubtaskState = structuredClone(first.operator.snapshotState());

    const { create, output } = harness(counting, 'v => v.k');
    const state = new KeyedStateBackend(128);
    const restored = create();
    restored.initializeState(snapshot);
    restored.open();
    restored.processWatermark(wm(100));
    // Timers of equal time come back key group by key group ("b" is in group 22, "a" in 81).
    expect([state.keyGroupOf('b'), state.keyGroupOf('a')]).toEqual([22, 81]);
    expect(output.emitted).toEqual([
      record({ key: 'b', count: 1, values: [2], last: [['b', 2]] }, 100),
      record({ key: 'a', count: 2, values: [1, 3], last: [['a', 3]] }, 100),
      wm(100),
    ]);
  });
});

describe('rescaling (§3 Key groups)', () => {
  test('state and pending timers of one subtask split over two by key group: each fires the timers of its own keys', () => {
    const sources = {
      fn: `(v, ctx, out) => {
        ctx.state.list('seen').add(v.n);
        ctx.timerService().registerEventTimeTimer(50);
      }`,
      onTimer: `(t, ctx, out) => out.collect({ key: ctx.getCurrentKey(), seen: ctx.state.list('seen').get() })`,
    };
    const one = opened(sources, 'v => v.k');
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    keys.forEach((k, i) => {
      one.operator.processElement(record({ k, n: i }));
      one.operator.processElement(record({ k, n: i + 10 }));
    });
    const [left, right] = repartitionVertexState(
      [{ operators: { proc: structuredClone(one.operator.snapshotState()) }, inputChannelState: [] }],
      2,
      128,
    );
    const fired = [left!, right!].map((share) => {
      const { create, output } = harness(sources, 'v => v.k');
      const restored = create();
      restored.initializeState(share.operators.proc!);
      restored.open();
      restored.processWatermark(wm(50));
      return output.values as { key: string; seen: number[] }[];
    });
    const backend = new KeyedStateBackend(128);
    expect(fired.map((f) => f.length > 0)).toEqual([true, true]);
    // Key groups 0..63 are subtask 0's, 64..127 subtask 1's (§3 Key groups).
    expect(fired[0]!.map((f) => f.key).sort()).toEqual(keys.filter((k) => backend.keyGroupOf(k) < 64));
    expect(fired[1]!.map((f) => f.key).sort()).toEqual(keys.filter((k) => backend.keyGroupOf(k) >= 64));
    expect(fired.flat().sort((x, y) => x.key.localeCompare(y.key))).toEqual(
      keys.map((key, i) => ({ key, seen: [i, i + 10] })),
    );
  });
});

describe('a process function on a non-keyed stream (Flink ProcessFunction)', () => {
  test('collects and reads time, but timers fail with Flink’s message, and so do keyed state and the key', () => {
    const run = (body: string) => {
      const { operator, output } = opened({ fn: `(value, ctx, out) => { ${body} }` }, null);
      operator.processElement(record(1, 7));
      return output;
    };
    expect(
      run('out.collect([ctx.timestamp(), ctx.timerService().currentWatermark(), ctx.subtaskIndex])').emitted,
    ).toEqual([record([7, MIN_TIMESTAMP, 0], 7)]);
    expect(() => run('ctx.timerService().registerEventTimeTimer(5)')).toThrow(
      'Setting timers is only supported on a keyed streams.',
    );
    expect(() => run('ctx.timerService().registerProcessingTimeTimer(5)')).toThrow(
      'Setting timers is only supported on a keyed streams.',
    );
    expect(() => run('ctx.timerService().deleteEventTimeTimer(5)')).toThrow(
      'Deleting timers is only supported on a keyed streams.',
    );
    expect(() => run("ctx.state.value('x')")).toThrow("Keyed state can only be used on a 'keyed stream'");
    expect(() => run('ctx.getCurrentKey()')).toThrow('ctx.getCurrentKey() needs a keyed stream');
  });
});

describe('timers', () => {
  test('registering one (key, time) twice keeps one timer; equal times of different keys each fire, ascending', () => {
    const { operator, output } = opened(
      {
        fn: `(value, ctx, out) => { ctx.timerService().registerEventTimeTimer(value.t); ctx.timerService().registerEventTimeTimer(value.t); }`,
        onTimer: `(timestamp, ctx, out) => out.collect(ctx.getCurrentKey() + '@' + timestamp + ':' + ctx.timestamp())`,
      },
      'v => v.k',
    );
    for (const [k, t] of [
      ['a', 9],
      ['b', 3],
      ['a', 3],
      ['b', 3],
    ] as const)
      operator.processElement(record({ k, t }));
    expect(operator.inspect().timers).toEqual([
      { time: 3, domain: 'event', key: 'b' },
      { time: 3, domain: 'event', key: 'a' },
      { time: 9, domain: 'event', key: 'a' },
    ]);
    operator.processWatermark(wm(8));
    operator.processWatermark(wm(9));
    expect(output.emitted).toEqual([record('b@3:3', 3), record('a@3:3', 3), wm(8), record('a@9:9', 9), wm(9)]);
  });

  test('a timer time that is not an integer fails the function, naming the method', () => {
    const { operator } = opened({ fn: `(value, ctx, out) => ctx.timerService().registerEventTimeTimer('soon')` });
    expect(() => operator.processElement(record(1))).toThrow(
      'registerEventTimeTimer(time): time must be an integer number of milliseconds, got soon',
    );
  });

  test('ctx.timeDomain() outside onTimer is an error', () => {
    const { operator } = opened({ fn: `(value, ctx, out) => ctx.timeDomain()` });
    expect(() => operator.processElement(record(1))).toThrow('ctx.timeDomain() is only defined inside onTimer');
  });
});

describe('open, close and ctx.local', () => {
  test('open runs before the first record and close after the last, sharing ctx.local with fn and onTimer', () => {
    const { operator, output } = opened({
      open: `(ctx) => { ctx.local.seen = 0; }`,
      fn: `(value, ctx, out) => { ctx.local.seen++; ctx.timerService().registerEventTimeTimer(1); }`,
      onTimer: `(timestamp, ctx, out) => out.collect('seen ' + ctx.local.seen)`,
      close: `(ctx) => { if (ctx.local.seen !== 3) throw new Error('close saw ' + ctx.local.seen); }`,
    });
    for (const v of [1, 2, 3]) operator.processElement(record(v));
    operator.processWatermark(wm(1));
    operator.close();
    expect(output.values).toEqual(['seen 3', 'seen 3', 'seen 3']);
  });
});
