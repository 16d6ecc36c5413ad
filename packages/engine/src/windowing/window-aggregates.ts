/**
 * What a window computes, incrementally as Flink's AggregateFunction / ReduceFunction in a window: each window
 * keeps one accumulator, updated by every element, and merged when session windows merge. The window's result
 * (its `value`) is read from the accumulator on every firing.
 *
 * A field of "" means the record itself (a stream of plain numbers). `count` with a field counts the records in
 * which that field is set (neither undefined nor null), as SQL's COUNT(field); `count: true` counts records.
 */
import type { ParamsOf } from '@sluice/model';
import { aggregationOperands, type Comparable } from '../functions/aggregation-operands.js';

export interface WindowAggregate<A = unknown> {
  /** The accumulator of a window's first element. */
  first(value: unknown): A;
  add(accumulator: A, value: unknown): A;
  /** Flink's AggregateFunction#merge / ReducingState merge: two windows' accumulators become one. */
  merge(a: A, b: A): A;
  result(accumulator: A): unknown;
}

export type AggregateParams = NonNullable<ParamsOf<'window'>['aggregate']>;

export function createWindowAggregate(params: AggregateParams, operatorId: string): WindowAggregate {
  const [name, setting] = Object.entries(params)[0] as ['sum' | 'count' | 'min' | 'max' | 'avg', string | true];
  const field = setting === true || setting === '' ? undefined : setting;
  const { read, number, comparable, extreme } = aggregationOperands(name, field, operatorId);

  switch (name) {
    case 'sum':
      return typed<number>({
        first: number,
        add: (acc, v) => acc + number(v),
        merge: (a, b) => a + b,
        result: (acc) => acc,
      });
    case 'count': {
      const counts = (value: unknown): number => {
        if (field === undefined) return 1;
        const operand = read(value);
        return operand === undefined || operand === null ? 0 : 1;
      };
      return typed<number>({
        first: counts,
        add: (acc, v) => acc + counts(v),
        merge: (a, b) => a + b,
        result: (acc) => acc,
      });
    }
    case 'min':
    case 'max': {
      const better = extreme(name);
      return typed<Comparable>({
        first: comparable,
        add: (acc, v) => better(acc, comparable(v)),
        merge: better,
        result: (acc) => acc,
      });
    }
    case 'avg':
      return typed<{ sum: number; count: number }>({
        first: (v) => ({ sum: number(v), count: 1 }),
        add: (acc, v) => ({ sum: acc.sum + number(v), count: acc.count + 1 }),
        merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
        result: (acc) => acc.sum / acc.count,
      });
  }
}

/**
 * A user `reduce` fn `(accumulator, value, ctx) => accumulator`: the first element is the accumulator, as in
 * Flink's ReducingState. Results are copies, so a function that updates its accumulator in place cannot
 * rewrite a result already emitted by an earlier firing.
 */
export function reduceAggregate(reduce: (accumulator: unknown, value: unknown) => unknown): WindowAggregate {
  return { first: (value) => value, add: reduce, merge: reduce, result: (accumulator) => structuredClone(accumulator) };
}

const typed = <A>(aggregate: WindowAggregate<A>): WindowAggregate => aggregate as WindowAggregate;
