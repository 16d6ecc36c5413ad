import { assignToKeyGroup } from '@sluice/planner';
import { describe, expect, it } from 'vitest';
import { record } from '../../src/elements/stream-element.js';
import { canonicalKey, KeyedStateBackend } from '../../src/operators/keyed/keyed-state-backend.js';
import { runInput, testChain } from './chain-harness.js';

const keyedChain = (kind: 'reduce' | 'sum' | 'min' | 'max', params: Record<string, unknown>, key = '(r) => r.user') =>
  testChain({ operators: [{ id: 'agg', kind, params }], partitions: [{ sourceOperator: 'agg' }], key });

const clicks = [
  { user: 'a', n: 3, page: 'home' },
  { user: 'b', n: 10, page: 'cart' },
  { user: 'a', n: 1, page: 'search' },
  { user: 'a', n: 5, page: 'pay' },
  { user: 'b', n: 2, page: 'home' },
];

describe('keyed rolling aggregation (KeyedStream.reduce/sum/min/max)', () => {
  it("sum on a field emits the running sum per key for every record, other fields from the key's first record", () => {
    const { chain, partitions } = keyedChain('sum', { field: 'n' });
    runInput(
      chain,
      clicks.map((c, i) => record(c, i * 10)),
    );
    expect(partitions[0]?.records).toEqual([
      record({ user: 'a', n: 3, page: 'home' }, 0),
      record({ user: 'b', n: 10, page: 'cart' }, 10),
      record({ user: 'a', n: 4, page: 'home' }, 20),
      record({ user: 'a', n: 9, page: 'home' }, 30),
      record({ user: 'b', n: 12, page: 'cart' }, 40),
    ]);
  });

  it('min and max on a field update only that field (not minBy/maxBy)', () => {
    const min = keyedChain('min', { field: 'n' });
    runInput(
      min.chain,
      clicks.map((c) => record(c)),
    );
    expect(min.partitions[0]?.values).toEqual([
      { user: 'a', n: 3, page: 'home' },
      { user: 'b', n: 10, page: 'cart' },
      { user: 'a', n: 1, page: 'home' },
      { user: 'a', n: 1, page: 'home' },
      { user: 'b', n: 2, page: 'cart' },
    ]);
    const max = keyedChain('max', { field: 'n' });
    runInput(
      max.chain,
      clicks.map((c) => record(c)),
    );
    expect(max.partitions[0]?.values).toEqual([
      { user: 'a', n: 3, page: 'home' },
      { user: 'b', n: 10, page: 'cart' },
      { user: 'a', n: 3, page: 'home' },
      { user: 'a', n: 5, page: 'home' },
      { user: 'b', n: 10, page: 'cart' },
    ]);
  });

  it('sum/min/max without a field aggregate plain numbers', () => {
    const values = [5, 2, 8, 1, 3, 4];
    const byParity = '(n) => n % 2';
    const run = (kind: 'sum' | 'min' | 'max') => {
      const { chain, partitions } = keyedChain(kind, {}, byParity);
      runInput(
        chain,
        values.map((v) => record(v)),
      );
      return partitions[0]?.values;
    };
    expect(run('sum')).toEqual([5, 2, 10, 6, 9, 14]);
    expect(run('min')).toEqual([5, 2, 2, 1, 1, 2]);
    expect(run('max')).toEqual([5, 2, 8, 5, 5, 8]);
  });

  it('reduce calls (accumulator, value, ctx) from the second record of a key on, and emits every update', () => {
    const { chain, partitions, context } = keyedChain('reduce', {
      fn: '(acc, v, ctx) => ({ user: acc.user, pages: (acc.pages ?? acc.page) + "," + v.page, subtask: ctx.subtaskIndex, p: ctx.parallelism })',
    });
    runInput(
      chain,
      clicks.slice(0, 4).map((c) => record(c, 1)),
    );
    expect(context.parallelism).toBe(1);
    expect(partitions[0]?.records).toEqual([
      record(clicks[0], 1),
      record(clicks[1], 1),
      record({ user: 'a', pages: 'home,search', subtask: 0, p: 1 }, 1),
      record({ user: 'a', pages: 'home,search,pay', subtask: 0, p: 1 }, 1),
    ]);
  });

  it('a reduce function updating its accumulator in place does not change records already emitted', () => {
    const { chain, host } = testChain({
      operators: [
        { id: 'agg', kind: 'reduce', params: { fn: '(acc, v) => { acc.n += v.n; return acc; }' } },
        { id: 'out', kind: 'sink.collect' },
      ],
      chainedEdges: [{ source: 'agg', target: 'out' }],
      key: '(r) => r.k',
    });
    runInput(
      chain,
      [1, 2, 3].map((n) => record({ k: 'a', n })),
    );
    expect(host.sinkValues('out')).toEqual([
      { k: 'a', n: 1 },
      { k: 'a', n: 3 },
      { k: 'a', n: 6 },
    ]);
  });

  it('equal keys that are different objects share one state; 1 and "1" are different keys', () => {
    const { chain, partitions } = keyedChain('sum', { field: 'n' }, '(r) => r.k');
    runInput(chain, [
      record({ k: { x: 1, y: 2 }, n: 1 }),
      record({ k: { y: 2, x: 1 }, n: 1 }),
      record({ k: 1, n: 1 }),
      record({ k: '1', n: 1 }),
      record({ k: 1, n: 1 }),
    ]);
    expect(partitions[0]?.values.map((v) => (v as { n: number }).n)).toEqual([1, 2, 1, 1, 2]);
  });

  it('a sum over something that is not a number fails the operator with a message naming the field', () => {
    const { chain } = keyedChain('sum', { field: 'n' });
    chain.open();
    chain.input?.processElement(record({ user: 'a', n: 1 }));
    expect(() => chain.input?.processElement(record({ user: 'a', n: 'x' }))).toThrowError(
      expect.objectContaining({
        name: 'UserFunctionError',
        operatorId: 'agg',
        message: 'sum: field "n" must be a number, got "x"',
      }),
    );
  });

  it('a keyed operator without a hash edge into it cannot be built', () => {
    expect(() => testChain({ operators: [{ id: 'agg', kind: 'sum', params: {} }] })).toThrowError(
      'operator "agg": sum needs a keyed input, a hash edge with a key selector into it',
    );
  });
});

describe('KeyedStateBackend', () => {
  it("keeps each key's state in the key group assignToKeyGroup gives it, and snapshots per key group (§3 Key groups)", () => {
    const backend = new KeyedStateBackend(128);
    const counts = backend.valueState<number>('count');
    // Ex 4: key 42 → key group 29, "a" → 81, 0 → 94.
    for (const [key, state] of [
      [42, 1],
      ['a', 2],
      [0, 3],
    ] as const) {
      backend.setCurrentKey(key);
      counts.update(state);
    }
    expect(assignToKeyGroup(42, 128)).toBe(29);
    expect(backend.snapshot()).toEqual([
      { keyGroup: 29, state: { count: { [canonicalKey(42)]: 1 } } },
      { keyGroup: 81, state: { count: { '"a"': 2 } } },
      { keyGroup: 94, state: { count: { '0': 3 } } },
    ]);
    backend.setCurrentKey('a');
    counts.update(5);
    expect(counts.value()).toBe(5);
    backend.setCurrentKey('b');
    expect(counts.value()).toBeUndefined();
  });

  it('scopes list, map and reducing state to the current key, and an emptied key leaves no state', () => {
    const backend = new KeyedStateBackend(128);
    const list = backend.listState<number>('list');
    const map = backend.mapState<string>('map');
    const sum = backend.reducingState<number>('sum', (a, b) => a + b);
    backend.setCurrentKey('x');
    list.add(1);
    list.add(2);
    map.put('w1', 'one');
    expect([sum.add(3), sum.add(4)]).toEqual([3, 7]);
    backend.setCurrentKey('y');
    expect([list.get(), map.isEmpty(), sum.get()]).toEqual([[], true, undefined]);
    map.put('w2', 'two');
    backend.setCurrentKey('x');
    expect([list.get(), map.get('w1'), map.get('w2'), sum.get()]).toEqual([[1, 2], 'one', undefined, 7]);
    expect([...map.valuesOfAllKeys()].sort()).toEqual(['one', 'two']);
    list.clear();
    map.remove('w1');
    sum.clear();
    expect(backend.snapshot()).toEqual([
      { keyGroup: assignToKeyGroup('y', 128), state: { map: { '"y"': { w2: 'two' } } } },
    ]);
  });

  it('restores a snapshot into a fresh backend; the snapshot is a copy the operator cannot change afterwards', () => {
    const backend = new KeyedStateBackend(128);
    const map = backend.mapState<{ n: number }>('map');
    backend.setCurrentKey(7);
    map.put('a', { n: 1 });
    const snapshot = backend.snapshot();
    map.get('a')!.n = 99;
    const restored = new KeyedStateBackend(128);
    const restoredMap = restored.mapState<{ n: number }>('map');
    restored.restore(snapshot);
    restored.setCurrentKey(7);
    expect(restoredMap.get('a')).toEqual({ n: 1 });
    expect(() => new KeyedStateBackend(128).restore(snapshot)).toThrow(
      'restored keyed state "map" is not a state of this operator (it has none)',
    );
  });
});
