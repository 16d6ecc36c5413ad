/**
 * The record stream of `source.datagen`, defined here (pure, browser-safe) so the engine's DatagenSource, the
 * editor and the examples' expected output all mean the same records.
 *
 * Record n (0, 1, 2, ... over the whole job) is a pure function of (seed, n): each draw is a hash of seed, n
 * and the draw's number (a counter-based generator), so records do not depend on which subtask emits them or
 * in which order, and the job emits the same records whatever its parallelism.
 * - key: "key-0" … "key-<keys-1>"; a `keySkew` share of the records goes to the hot key "key-0", the rest
 *   spreads uniformly over all keys, so P(key-0) = keySkew + (1 - keySkew) / keys.
 * - value: an integer in [0, 1000).
 * - timestamp: n minus a lag drawn uniformly from [0, maxOutOfOrdernessMs] (never below 0), so a
 *   boundedOutOfOrderness(maxOutOfOrdernessMs) watermark finds no record late.
 */
import type { ParamsOf } from './catalogue.js';

export type DatagenParams = Pick<ParamsOf<'source.datagen'>, 'keys' | 'keySkew' | 'maxOutOfOrdernessMs' | 'seed'>;

export interface DatagenRecord {
  key: string;
  value: number;
  timestamp: number;
}

/** Uniform in [0, 1): murmur3's 32-bit finalizer over (seed, n, draw). */
function draw(seed: number, n: number, drawIndex: number): number {
  let h = (seed ^ Math.imul(n, 0x9e3779b1) ^ Math.imul(drawIndex + 1, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function datagenRecord(params: DatagenParams, n: number): DatagenRecord {
  const hot = draw(params.seed, n, 0) < (params.keySkew ?? 0);
  const keyIndex = hot ? 0 : Math.floor(draw(params.seed, n, 1) * params.keys);
  const value = Math.floor(draw(params.seed, n, 2) * 1000);
  const lag = Math.floor(draw(params.seed, n, 3) * (params.maxOutOfOrdernessMs + 1));
  return { key: `key-${keyIndex}`, value, timestamp: Math.max(0, n - lag) };
}
