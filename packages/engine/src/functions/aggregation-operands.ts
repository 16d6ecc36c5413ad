/**
 * The operands of the built-in aggregations (sum, min, max, avg, count), after the field accessors of Flink's
 * `functions.aggregation` package: each value's `field` (undefined: the value itself), checked for the type the
 * aggregation needs. A value that does not fit fails the operator as its user function would, naming the field.
 * Shared by the keyed rolling aggregations (KeyedStream.sum/min/max) and the window aggregates.
 */
import { UserFunctionError } from './user-function.js';

export type Comparable = number | string;

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

export function aggregationOperands(aggregation: string, field: string | undefined, operatorId: string) {
  const fail = (message: string): never => {
    throw new UserFunctionError(operatorId, new TypeError(message));
  };
  const where = field === undefined ? 'the record' : `field "${field}"`;

  const read = (value: unknown): unknown => {
    if (field === undefined) return value;
    if (value === null || typeof value !== 'object')
      return fail(`${aggregation}: expected a record with field "${field}", got ${show(value)}`);
    return (value as Record<string, unknown>)[field];
  };

  return {
    read,
    number(value: unknown): number {
      const operand = read(value);
      return typeof operand === 'number'
        ? operand
        : fail(`${aggregation}: ${where} must be a number, got ${show(operand)}`);
    },
    comparable(value: unknown): Comparable {
      const operand = read(value);
      return typeof operand === 'number' || typeof operand === 'string'
        ? operand
        : fail(`${aggregation}: ${where} must be a number or a string, got ${show(operand)}`);
    },
    /** The smaller (min) or larger (max) of two operands; on a tie the first one stays. */
    extreme(which: 'min' | 'max'): (a: Comparable, b: Comparable) => Comparable {
      return (a, b) => {
        if (typeof a !== typeof b) return fail(`${aggregation}: ${where} mixes numbers and strings`);
        return (which === 'min' ? b < a : b > a) ? b : a;
      };
    },
  };
}
