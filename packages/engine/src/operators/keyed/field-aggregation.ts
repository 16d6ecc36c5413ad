/**
 * The reduce functions behind KeyedStream.sum/min/max (Flink's SumAggregator and ComparableAggregator with
 * byAggregate = false). With a field, the result is the accumulator with only that field updated, so every other
 * field keeps the value of the key's first record, as in Flink; without a field the values themselves are
 * aggregated (a stream of plain numbers).
 */
import { aggregationOperands } from '../../functions/aggregation-operands.js';
import type { ReduceFunction } from './stream-grouped-reduce-operator.js';

export type FieldAggregation = 'sum' | 'min' | 'max';

export function fieldAggregation(
  aggregation: FieldAggregation,
  field: string | undefined,
  operatorId: string,
): ReduceFunction {
  const operands = aggregationOperands(aggregation, field, operatorId);
  let combine: ReduceFunction;
  if (aggregation === 'sum') {
    combine = (accumulator, value) => operands.number(accumulator) + operands.number(value);
  } else {
    const extreme = operands.extreme(aggregation);
    combine = (accumulator, value) => extreme(operands.comparable(accumulator), operands.comparable(value));
  }
  if (field === undefined) return combine;
  return (accumulator, value) => ({ ...(accumulator as object), [field]: combine(accumulator, value) });
}
