import { describe, expect, it } from 'vitest';
import { computeDefaultMaxParallelism, effectiveMaxParallelism, roundUpToPowerOfTwo } from '../src/index.js';

describe('max parallelism (§3 Key groups)', () => {
  it('rounds up to a power of two as MathUtils does', () => {
    expect([1, 2, 3, 5, 127, 128, 129, 1500, 30000].map(roundUpToPowerOfTwo)).toEqual([
      1, 2, 4, 8, 128, 128, 256, 2048, 32768,
    ]);
  });

  it('defaults to 128 for parallelism 1 to 85, then grows (§8 Ex 4)', () => {
    expect(computeDefaultMaxParallelism(1)).toBe(128);
    expect(computeDefaultMaxParallelism(85)).toBe(128);
    expect(computeDefaultMaxParallelism(86)).toBe(256);
    expect(computeDefaultMaxParallelism(1000)).toBe(2048);
    expect(computeDefaultMaxParallelism(20000)).toBe(32768);
  });

  it("takes the operator's own, else the job's, else the default", () => {
    expect(effectiveMaxParallelism({ parallelism: 2, maxParallelism: 8 }, { maxParallelism: 16 })).toBe(8);
    expect(effectiveMaxParallelism({ parallelism: 2 }, { maxParallelism: 16 })).toBe(16);
    expect(effectiveMaxParallelism({ parallelism: 100 }, undefined)).toBe(256);
  });
});
