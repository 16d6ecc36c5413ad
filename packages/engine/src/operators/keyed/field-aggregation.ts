/**
 * The reduce functions behind KeyedStream.sum/min/max (Flink's SumAggregator and ComparableAggregator with
 * byAggregate = false). With a field, the result is the accumulator with only that field updated, so every other
 * field keeps the value of the key's first record, as in Flink; without a field the values themselves are
 * aggregated (a stream of plain numbers).
 */
import { UserFunctionError } from '../../functions/user-function.js';
import type { ReduceFunction } from './stream-grouped-reduce-operator.js';

export type FieldAggregation = 'sum' | 'min' | 'max';

type Comparable = number | string;

export function fieldAggregation(aggregation: FieldAggregation, field: string | undefined, operatorId: string): ReduceFunction {
  const fail = (message: string): never => {
    throw new UserFunctionError(operatorId, new TypeError(message));
  };
  const where = field === undefined ? 'the record' : `field "${field}"`;

  const operand = (value: unknown): Comparable => {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && aggregation !== 'sum') return value;
    return fail(`${aggregation}: ${where} must be ${aggregation === 'sum' ? 'a number' : 'a number or a string'}, got ${JSON.stringify(value) ?? String(value)}`);
  };

  const combine = (a: Comparable, b: Comparable): Comparable => {
    if (aggregation === 'sum') return (a as number) + (b as number);
    if (typeof a !== typeof b) return fail(`${aggregation}: ${where} mixes numbers and strings`);
    return aggregation === 'min' ? (b < a ? b : a) : b > a ? b : a;
  };

  if (field === undefined) return (accumulator, value) => combine(operand(accumulator), operand(value));

  const fieldOf = (value: unknown): Comparable => {
    if (value === null || typeof value !== 'object') {
      return fail(`${aggregation}: expected a record with field "${field}", got ${JSON.stringify(value) ?? String(value)}`);
    }
    return operand((value as Record<string, unknown>)[field]);
  };
  return (accumulator, value) => ({ ...(accumulator as object), [field]: combine(fieldOf(accumulator), fieldOf(value)) });
}
