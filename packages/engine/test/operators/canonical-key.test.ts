import { describe, expect, it } from 'vitest';
import { canonicalKey } from '../../src/operators/keyed/keyed-state-backend.js';

describe('canonicalKey', () => {
  it('gives a number its JSON form, finite or not, so equal keys meet in one state and 1 stays apart from "1"', () => {
    for (const key of [0, -0, 1, -7, 0.5, 1e21, 2 ** 53, Number.MAX_VALUE, Number.NaN, Infinity, -Infinity]) {
      expect(canonicalKey(key)).toBe(JSON.stringify(key));
    }
    expect(canonicalKey(-0)).toBe(canonicalKey(0));
    expect(canonicalKey(1)).not.toBe(canonicalKey('1'));
  });
});
