/**
 * open and close of a function-bearing operator (design.md, precise points): "(ctx) => void" before the first record
 * and after the last, sharing `ctx.local`, an object private to the operator instance, with the operator's functions.
 */
import { describe, expect, test } from 'vitest';
import { record } from '../../src/elements/stream-element.js';
import { runInput, testChain } from './chain-harness.js';

describe('open, close and ctx.local', () => {
  test('a map reads what its open put in ctx.local; two chained maps each have their own', () => {
    const { chain, partitions } = testChain({
      operators: [
        {
          id: 'a',
          kind: 'map',
          params: { open: '(ctx) => { ctx.local.factor = 10; }', fn: '(v, ctx) => v * ctx.local.factor' },
        },
        {
          id: 'b',
          kind: 'map',
          params: {
            open: '(ctx) => { ctx.local.add = ctx.local.factor === undefined ? 1 : -1; }',
            fn: '(v, ctx) => v + ctx.local.add',
          },
        },
      ],
      chainedEdges: [{ source: 'a', target: 'b' }],
      partitions: [{ sourceOperator: 'b' }],
    });
    runInput(chain, [record(1), record(2)], false);
    expect(partitions[0]!.values).toEqual([11, 21]);
  });

  test('close runs after the last record, with what the functions kept; an error in it fails the operator', () => {
    const { chain } = testChain({
      operators: [
        {
          id: 'f',
          kind: 'flatMap',
          params: {
            open: '(ctx) => { ctx.local.seen = []; }',
            fn: '(v, ctx) => { ctx.local.seen.push(v); return []; }',
            close: "(ctx) => { throw new Error('closed after ' + ctx.local.seen.join(',')); }",
          },
        },
      ],
    });
    expect(() => runInput(chain, [record('x'), record('y')], false)).toThrow('closed after x,y');
  });

  test('a window reduce and a watermarks timestamp function get the instance’s ctx.local too', () => {
    const { chain, partitions } = testChain({
      operators: [
        {
          id: 'wm',
          kind: 'watermarks',
          params: {
            strategy: 'monotonous',
            emit: 'perRecord',
            open: '(ctx) => { ctx.local.base = 100; }',
            timestamp: '(v, previous, ctx) => ctx.local.base + v',
          },
        },
        {
          id: 'win',
          kind: 'window',
          params: {
            assigner: { type: 'tumbling', sizeMs: 10, time: 'event' },
            open: '(ctx) => { ctx.local.scale = 2; }',
            reduce: '(a, v, ctx) => a + v * ctx.local.scale',
          },
        },
      ],
      chainedEdges: [{ source: 'wm', target: 'win' }],
      partitions: [{ sourceOperator: 'win' }],
    });
    runInput(chain, [record(1), record(2), record(3)]);
    // Timestamps 101, 102, 103: one window [100, 110); the first value is the accumulator, the others add twice.
    expect(partitions[0]!.values).toEqual([{ key: null, start: 100, end: 110, value: 1 + 2 * 2 + 3 * 2 }]);
  });
});
