/**
 * Max parallelism = the number of key groups of an operator (semantics §3 Key groups).
 * Pure int arithmetic, here in the model because validation needs it and the planner builds on it.
 */
import type { JobConfig, OperatorSpec } from './jobgraph.js';

/** Transformation.UPPER_BOUND_MAX_PARALLELISM: 1 << 15. */
export const UPPER_BOUND_MAX_PARALLELISM = 1 << 15;
/** KeyGroupRangeAssignment.DEFAULT_LOWER_BOUND_MAX_PARALLELISM: 1 << 7. */
export const DEFAULT_LOWER_BOUND_MAX_PARALLELISM = 1 << 7;

/** MathUtils.roundUpToPowerOfTwo, in Java's 32-bit int arithmetic. */
export function roundUpToPowerOfTwo(x: number): number {
  x = (x - 1) | 0;
  x |= x >> 1;
  x |= x >> 2;
  x |= x >> 4;
  x |= x >> 8;
  x |= x >> 16;
  return (x + 1) | 0;
}

/** KeyGroupRangeAssignment.computeDefaultMaxParallelism: 128 for parallelism up to 85. */
export function computeDefaultMaxParallelism(parallelism: number): number {
  const scaled = roundUpToPowerOfTwo(parallelism + Math.trunc(parallelism / 2));
  return Math.min(Math.max(scaled, DEFAULT_LOWER_BOUND_MAX_PARALLELISM), UPPER_BOUND_MAX_PARALLELISM);
}

/** The operator's own max parallelism, else the job's, else Flink's default for its parallelism. */
export function effectiveMaxParallelism(
  op: Pick<OperatorSpec, 'parallelism' | 'maxParallelism'>,
  config: Pick<JobConfig, 'maxParallelism'> | undefined,
): number {
  return op.maxParallelism ?? config?.maxParallelism ?? computeDefaultMaxParallelism(op.parallelism);
}
