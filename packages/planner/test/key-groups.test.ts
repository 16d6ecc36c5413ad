import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignKeyToParallelOperator,
  assignToKeyGroup,
  computeOperatorIndexForKeyGroup,
  javaHashCode,
  keyGroupRange,
  murmurHash,
  stringHashCode,
} from '../src/index.js';

// semantics §8 Ex 4: key, hashCode, murmurHash, keyGroup (maxP 128), operator index for p = 2, 3, 4.
const EX4: [
  key: number | string,
  hashCode: number,
  murmur: number,
  keyGroup: number,
  p2: number,
  p3: number,
  p4: number,
][] = [
  [0, 0, 593689054, 94, 1, 2, 2],
  [1, 1, 68075478, 86, 1, 2, 2],
  [2, 2, 1085422463, 127, 1, 2, 3],
  [3, 3, 847579505, 113, 1, 2, 3],
  [4, 4, 1889779975, 7, 0, 0, 0],
  [5, 5, 236698494, 126, 1, 2, 3],
  [9, 9, 101886131, 51, 0, 1, 1],
  [42, 42, 1134849565, 29, 0, 0, 0],
  ['a', 97, 1455541201, 81, 1, 1, 2],
  ['hello', 99162322, 1715862179, 35, 0, 0, 1],
];

describe('§3 Key groups, Ex 4 keyBy routing (maxP = 128)', () => {
  it.each(EX4)(
    'key %j: hashCode %i, murmurHash %i, key group %i, subtask %i/%i/%i for p = 2/3/4',
    (key, hashCode, murmur, keyGroup, p2, p3, p4) => {
      expect(javaHashCode(key)).toBe(hashCode);
      expect(murmurHash(hashCode)).toBe(murmur);
      expect(assignToKeyGroup(key, 128)).toBe(keyGroup);
      expect([2, 3, 4].map((p) => computeOperatorIndexForKeyGroup(128, p, keyGroup))).toEqual([p2, p3, p4]);
      expect([2, 3, 4].map((p) => assignKeyToParallelOperator(key, 128, p))).toEqual([p2, p3, p4]);
    },
  );

  it('§3 [MU] murmurHash is never negative (step 8)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -0x80000000, max: 0x7fffffff }),
        (code) => murmurHash(code) >= 0 && murmurHash(code) <= 0x7fffffff,
      ),
    );
  });

  it('Ex 4 ranges for p = 3: [0,42] [43,85] [86,127]', () => {
    expect([0, 1, 2].map((i) => keyGroupRange(128, 3, i))).toEqual([
      { start: 0, end: 42 },
      { start: 43, end: 85 },
      { start: 86, end: 127 },
    ]);
  });

  it('§3 the ranges of all subtasks partition [0, maxP) in order, and each key group maps back to its owner', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 32768 })
          .chain((maxP) => fc.tuple(fc.constant(maxP), fc.integer({ min: 1, max: Math.min(maxP, 300) }))),
        ([maxP, p]) => {
          let next = 0;
          for (let i = 0; i < p; i++) {
            const { start, end } = keyGroupRange(maxP, p, i);
            expect(start).toBe(next);
            expect(end).toBeGreaterThanOrEqual(start);
            expect(computeOperatorIndexForKeyGroup(maxP, p, start)).toBe(i);
            expect(computeOperatorIndexForKeyGroup(maxP, p, end)).toBe(i);
            next = end + 1;
          }
          expect(next).toBe(maxP);
        },
      ),
    );
  });
});

describe('§3 Java hashCode of JavaScript keys', () => {
  it('String.hashCode over UTF-16 code units, with int overflow', () => {
    expect(stringHashCode('')).toBe(0);
    expect(javaHashCode('hello')).toBe(99162322);
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE in Java.
    expect(javaHashCode('polygenelubricants')).toBe(-2147483648);
    // A surrogate pair hashes as two UTF-16 units: 31 * 0xD83D + 0xDE00.
    expect(javaHashCode('😀')).toBe(31 * 0xd83d + 0xde00);
  });

  it('integers: int range → Integer.hashCode, other safe integers → Long.hashCode', () => {
    expect(javaHashCode(-1)).toBe(-1);
    expect(javaHashCode(2147483647)).toBe(2147483647);
    expect(javaHashCode(-2147483648)).toBe(-2147483648);
    expect(javaHashCode(4294967296)).toBe(1); // Long.hashCode(1L << 32)
    expect(javaHashCode(-2147483649)).toBe(-2147483648); // Long.hashCode(-2147483649L)
    expect(javaHashCode(2147483648n)).toBe(-2147483648); // bigint: Long.hashCode(2147483648L)
  });

  it('non-integral numbers → Double.hashCode of the IEEE bits', () => {
    expect(javaHashCode(1.5)).toBe(1073217536);
    expect(javaHashCode(-0.5)).toBe(-1075838976);
    expect(javaHashCode(Number.NaN)).toBe(2146959360);
    expect(javaHashCode(Number.POSITIVE_INFINITY)).toBe(2146435072);
  });

  it('booleans, null/undefined, arrays (List.hashCode)', () => {
    expect(javaHashCode(true)).toBe(1231);
    expect(javaHashCode(false)).toBe(1237);
    expect(javaHashCode(null)).toBe(0);
    expect(javaHashCode(undefined)).toBe(0);
    expect(javaHashCode([])).toBe(1);
    expect(javaHashCode(['a', 1])).toBe(3969); // Arrays.asList("a", 1).hashCode()
  });

  it('plain objects hash as their canonical JSON, whatever the key order', () => {
    expect(javaHashCode({ b: 1, a: { y: 2, x: 3 } })).toBe(stringHashCode('{"a":{"x":3,"y":2},"b":1}'));
    expect(javaHashCode({ a: { x: 3, y: 2 }, b: 1 })).toBe(javaHashCode({ b: 1, a: { y: 2, x: 3 } }));
  });

  it('rejects keys without a meaningful hashCode', () => {
    expect(() => javaHashCode(() => 1)).toThrow(/type function has no hashCode/);
    expect(() => javaHashCode(new Map())).toThrow(/Map or Set key/);
  });
});
