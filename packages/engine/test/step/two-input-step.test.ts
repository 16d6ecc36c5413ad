/**
 * A keyed coProcess in step mode (design.md, two inputs): the step session runs the same StreamTask, so whatever
 * order the seed gives the two inputs' elements, the timers fire on the minimum of both watermarks (§5) and the
 * outcome is the same. Orders 1..6 set a timer 10 ms ahead; payments (even numbers) match them in either order.
 */
import type { JobGraph } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { multiset, stepToEnd } from './step-harness.js';

const numbers = (id: string, values: number[]) => ({
  id,
  kind: 'source.collection' as const,
  parallelism: 1,
  params: {
    elements: values.map((value) => ({ value, timestamp: value })),
    watermarks: { strategy: 'monotonous', emit: 'perRecord' },
  },
});

const job: JobGraph = {
  version: 1,
  name: 'orders and payments, stepped',
  operators: [
    numbers('orders', [1, 2, 3, 4, 5, 6]),
    numbers('payments', [2, 4, 6]),
    {
      id: 'match',
      kind: 'coProcess',
      parallelism: 2,
      params: {
        fn1: `(order, ctx, out) => {
          const paid = ctx.state.value('paid');
          if (paid.value() !== null) return out.collect({ key: ctx.getCurrentKey(), paid: true });
          ctx.state.value('order').update(order);
          ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);
        }`,
        fn2: `(payment, ctx, out) => {
          const order = ctx.state.value('order');
          if (order.value() === null) return ctx.state.value('paid').update(true);
          order.clear();
          out.collect({ key: ctx.getCurrentKey(), paid: true });
        }`,
        onTimer: `(timestamp, ctx, out) => {
          if (ctx.state.value('order').value() !== null) out.collect({ key: ctx.getCurrentKey(), unpaid: timestamp });
        }`,
      },
    },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [
    { source: 'orders', target: 'match', partitioner: 'hash', key: '(n) => n', input: 1 },
    { source: 'payments', target: 'match', partitioner: 'hash', key: '(n) => n', input: 2 },
    { source: 'match', target: 'out', partitioner: 'rebalance' },
  ],
};

describe('a keyed coProcess in step mode', () => {
  it('every seed ends with each even order paid and each odd order timed out once', () => {
    const expected = multiset([
      { key: 1, unpaid: 11 },
      { key: 2, paid: true },
      { key: 3, unpaid: 13 },
      { key: 4, paid: true },
      { key: 5, unpaid: 15 },
      { key: 6, paid: true },
    ]);
    for (const seed of [1, 2, 3, 4, 5]) {
      const { session } = stepToEnd(job, { seed });
      const result = session.result();
      expect(result.status).toBe('FINISHED');
      expect(multiset(result.sinks.out ?? [])).toEqual(expected);
    }
  });
});
