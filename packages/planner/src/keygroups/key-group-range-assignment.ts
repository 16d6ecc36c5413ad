/**
 * Flink's KeyGroupRangeAssignment (semantics §3 Key groups [KGRA]): a key belongs to one of
 * maxParallelism key groups forever; a subtask owns a contiguous range of key groups, so rescaling
 * moves whole key groups, never single keys.
 */
import { javaHashCode } from './java-hash-code.js';
import { murmurHash } from './murmur-hash.js';

/** Inclusive on both ends, as Flink's KeyGroupRange. */
export interface KeyGroupRange {
  start: number;
  end: number;
}

export function assignToKeyGroup(key: unknown, maxParallelism: number): number {
  return murmurHash(javaHashCode(key)) % maxParallelism;
}

export function computeOperatorIndexForKeyGroup(maxParallelism: number, parallelism: number, keyGroup: number): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** The subtask of an operator with `parallelism` subtasks that owns `key`: what a hash edge routes by. */
export function assignKeyToParallelOperator(key: unknown, maxParallelism: number, parallelism: number): number {
  return computeOperatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
}

/** computeKeyGroupRangeForOperatorIndex: exactly the key groups computeOperatorIndexForKeyGroup maps to this subtask. */
export function keyGroupRange(maxParallelism: number, parallelism: number, subtaskIndex: number): KeyGroupRange {
  return {
    start: Math.floor((subtaskIndex * maxParallelism + parallelism - 1) / parallelism),
    end: Math.floor(((subtaskIndex + 1) * maxParallelism - 1) / parallelism),
  };
}
