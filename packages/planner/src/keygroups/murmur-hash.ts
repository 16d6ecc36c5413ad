/**
 * Flink's MathUtils.murmurHash(int) (semantics §3 [MU]): one Murmur3 round over a single
 * 32-bit word, then made non-negative. Every step is Java int arithmetic, hence Math.imul and `| 0`.
 */

const rotateLeft = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

export function murmurHash(code: number): number {
  code = Math.imul(code, 0xcc9e2d51);
  code = rotateLeft(code, 15);
  code = Math.imul(code, 0x1b873593);
  code = rotateLeft(code, 13);
  code = (Math.imul(code, 5) + 0xe6546b64) | 0;
  // Length of the hashed input in bytes: one int.
  code ^= 4;
  code = bitMix(code);
  if (code >= 0) return code;
  // -Integer.MIN_VALUE overflows back to itself in Java; Flink maps it to 0.
  return code !== -0x80000000 ? -code : 0;
}

/** Murmur3's fmix32 finaliser. */
function bitMix(code: number): number {
  code ^= code >>> 16;
  code = Math.imul(code, 0x85ebca6b);
  code ^= code >>> 13;
  code = Math.imul(code, 0xc2b2ae35);
  code ^= code >>> 16;
  return code;
}
