import { describe, expect, it } from 'vitest';
import { record } from '../../src/elements/stream-element.js';
import { UserFunctionError } from '../../src/functions/user-function.js';
import { runInput, testChain } from './chain-harness.js';

const oneOperator = (
  kind: 'map' | 'filter' | 'flatMap',
  fn: string,
  extra: { subtaskIndex?: number; parallelism?: number } = {},
) => testChain({ operators: [{ id: 'op', kind, params: { fn } }], partitions: [{ sourceOperator: 'op' }], ...extra });

describe('map, filter, flatMap', () => {
  it('map transforms each value and keeps the record timestamp', () => {
    const { chain, partitions } = oneOperator('map', '(v) => v * 10');
    runInput(chain, [record(1, 100), record(2), record(3, 7)], false);
    expect(partitions[0]?.records).toEqual([record(10, 100), record(20), record(30, 7)]);
    expect(chain.numRecordsOut).toBe(3);
  });

  it('filter keeps the records whose function returns a truthy value, unchanged', () => {
    const { chain, partitions } = oneOperator('filter', '(v) => v % 2 === 0');
    runInput(
      chain,
      [1, 2, 3, 4, 5, 6].map((v) => record(v, v)),
      false,
    );
    expect(partitions[0]?.records).toEqual([record(2, 2), record(4, 4), record(6, 6)]);
  });

  it('flatMap emits every element of the returned array or iterable, each with the input timestamp', () => {
    const split = oneOperator('flatMap', '(line) => line.split(" ")');
    runInput(split.chain, [record('a b c', 5), record('', 6), record('d', 7)], false);
    expect(split.partitions[0]?.records).toEqual([
      record('a', 5),
      record('b', 5),
      record('c', 5),
      record('', 6),
      record('d', 7),
    ]);

    const generator = oneOperator('flatMap', 'function* (n) { for (let i = 0; i < n; i++) yield i; }');
    runInput(generator.chain, [record(3), record(0), record(2)], false);
    expect(generator.partitions[0]?.values).toEqual([0, 1, 2, 0, 1]);
  });

  it('a flatMap that does not return an iterable fails as the user function of its operator', () => {
    const { chain } = oneOperator('flatMap', '(v) => v');
    chain.open();
    expect(() => chain.input?.processElement(record(42))).toThrowError(
      expect.objectContaining({
        name: 'UserFunctionError',
        operatorId: 'op',
        message: 'flatMap must return an array or an iterable, got number',
      }),
    );
  });

  it('every user function gets the RuntimeContext as its last argument', () => {
    const { chain, partitions, context } = oneOperator('map', '(v, ctx) => [v, ctx]', {
      subtaskIndex: 2,
      parallelism: 4,
    });
    runInput(chain, [record('x')], false);
    // The RuntimeContext, with the instance's own `local` (design.md: open, close and ctx.local).
    expect(partitions[0]?.values).toEqual([['x', { ...context, local: {} }]]);
    expect(context).toEqual({ subtaskIndex: 2, parallelism: 4, maxParallelism: 128, attemptNumber: 0, taskName: 'op' });

    const flat = oneOperator('flatMap', '(v, ctx) => [ctx.subtaskIndex, ctx.parallelism]', {
      subtaskIndex: 1,
      parallelism: 3,
    });
    runInput(flat.chain, [record('x')], false);
    expect(flat.partitions[0]?.values).toEqual([1, 3]);

    const filter = oneOperator('filter', '(v, ctx) => v === ctx.subtaskIndex', { subtaskIndex: 1, parallelism: 2 });
    runInput(filter.chain, [record(0), record(1), record(2)], false);
    expect(filter.partitions[0]?.values).toEqual([1]);
  });

  it('a throwing user function surfaces as UserFunctionError with the operator id and the user stack', () => {
    const { chain } = oneOperator('map', '(v) => { if (v > 1) throw new RangeError("too big: " + v); return v; }');
    chain.open();
    chain.input?.processElement(record(1));
    let caught: unknown;
    try {
      chain.input?.processElement(record(2));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserFunctionError);
    const error = caught as UserFunctionError;
    expect(error.operatorId).toBe('op');
    expect(error.message).toBe('too big: 2');
    expect(error.original).toBeInstanceOf(RangeError);
    expect(error.userStack).toBe((error.original as Error).stack);
    expect(error.userStack).toMatch(/^RangeError: too big: 2\n/);
  });

  it('a function that does not compile fails the chain construction, naming the operator and param', () => {
    expect(() => oneOperator('map', '(v) => v +')).toThrowError(
      expect.objectContaining({
        name: 'UserFunctionError',
        operatorId: 'op',
        message: expect.stringMatching(/^operator "op" params\.fn does not compile: /),
      }),
    );
  });

  it('watermarks pass through stateless operators unchanged', () => {
    const { chain, partitions } = oneOperator('map', '(v) => v');
    chain.open();
    chain.input?.processWatermark({ kind: 'watermark', timestamp: 5 });
    chain.input?.processWatermarkStatus({ kind: 'watermarkStatus', idle: true });
    expect(partitions[0]?.emitted).toEqual([
      { kind: 'watermark', timestamp: 5 },
      { kind: 'watermarkStatus', idle: true },
    ]);
  });
});
