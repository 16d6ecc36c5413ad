import { describe, expect, it } from 'vitest';
import { datagenRecord } from '../src/index.js';

const params = { keys: 8, keySkew: 0.5, maxOutOfOrdernessMs: 20, seed: 3 };
const records = (p: Parameters<typeof datagenRecord>[0], count: number) =>
  Array.from({ length: count }, (_, n) => datagenRecord(p, n));

describe('source.datagen records', () => {
  it('are a pure function of (seed, n): same seed same records, another seed other records', () => {
    expect(records(params, 200)).toEqual(records(params, 200));
    expect(records({ ...params, seed: 4 }, 200)).not.toEqual(records(params, 200));
  });

  it('send the keySkew share to key-0: P(key-0) = keySkew + (1 - keySkew) / keys', () => {
    const all = records(params, 40_000);
    const share = all.filter((r) => r.key === 'key-0').length / all.length;
    expect(share).toBeGreaterThan(0.5625 - 0.01);
    expect(share).toBeLessThan(0.5625 + 0.01);
    expect(new Set(all.map((r) => r.key))).toEqual(new Set(Array.from({ length: 8 }, (_, i) => `key-${i}`)));
  });

  it('spread keys uniformly without skew', () => {
    const all = records({ ...params, keySkew: 0 }, 40_000);
    for (let i = 0; i < 8; i++) {
      const share = all.filter((r) => r.key === `key-${i}`).length / all.length;
      expect(Math.abs(share - 1 / 8)).toBeLessThan(0.01);
    }
  });

  it('lag record n by at most maxOutOfOrdernessMs, values in [0, 1000)', () => {
    const all = records(params, 5000);
    all.forEach((r, n) => {
      expect(r.timestamp).toBeLessThanOrEqual(n);
      expect(r.timestamp).toBeGreaterThanOrEqual(Math.max(0, n - 20));
      expect(Number.isInteger(r.value) && r.value >= 0 && r.value < 1000).toBe(true);
    });
    expect(all.some((r, n) => r.timestamp === n - 20)).toBe(true);
    expect(records({ ...params, maxOutOfOrdernessMs: 0 }, 100).map((r) => r.timestamp)).toEqual(
      Array.from({ length: 100 }, (_, n) => n),
    );
  });
});
