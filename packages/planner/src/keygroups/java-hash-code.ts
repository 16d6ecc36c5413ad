/**
 * The Java hashCode a key would have in Flink, so a key lands in the same key group as it would
 * there (design.md Contract 1, semantics §3 Java hashCode). JavaScript values map to the
 * Java type a Flink job would most plausibly use for them:
 * - string → String.hashCode over UTF-16 code units;
 * - integer in int32 range → Integer.hashCode (the value); other safe integer → Long.hashCode;
 * - any other number (fractions, NaN, ±Infinity, integers beyond 2^53) → Double.hashCode of its IEEE bits;
 * - bigint → Long.hashCode of its low 64 bits (two's complement);
 * - boolean → Boolean.hashCode (1231 / 1237); null and undefined → 0 (Objects.hashCode(null));
 * - array → List.hashCode over the elements' hash codes;
 * - any other object → String.hashCode of its canonical JSON (keys sorted at every level; JavaScript
 *   still puts integer-like keys first, in numeric order, which is just as deterministic). Java has
 *   no equivalent of a plain object; this rule is ours, chosen because it is deterministic and equal
 *   objects get equal hashes whatever order their keys were written in.
 */

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

export function javaHashCode(key: unknown): number {
  if (key === null || key === undefined) return 0;
  switch (typeof key) {
    case 'string':
      return stringHashCode(key);
    case 'number':
      return numberHashCode(key);
    case 'bigint':
      return longHashCode(key);
    case 'boolean':
      return key ? 1231 : 1237;
    case 'object':
      if (Array.isArray(key)) return listHashCode(key);
      // JSON would turn every Map and Set into "{}": one key group for all of them.
      if (key instanceof Map || key instanceof Set)
        throw new Error('a Map or Set key has no hashCode: return an array or a plain object from the key selector');
      return stringHashCode(canonicalJson(key));
    default:
      throw new Error(
        `a key of type ${typeof key} has no hashCode: key selectors must return a string, number, bigint, boolean, null, array or plain object`,
      );
  }
}

export function stringHashCode(value: string): number {
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (Math.imul(31, h) + value.charCodeAt(i)) | 0;
  return h;
}

function numberHashCode(value: number): number {
  if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return value | 0;
  if (Number.isSafeInteger(value)) return longHashCode(BigInt(value));
  return doubleHashCode(value);
}

/** Long.hashCode: (int) (v ^ (v >>> 32)). */
function longHashCode(value: bigint): number {
  const bits = BigInt.asUintN(64, value);
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
}

/** Double.hashCode: Long.hashCode of doubleToLongBits, which folds every NaN into one canonical NaN. */
function doubleHashCode(value: number): number {
  if (Number.isNaN(value)) return longHashCode(0x7ff8000000000000n);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return longHashCode(view.getBigUint64(0));
}

/** List.hashCode: h = 31 * h + hashCode(element), starting at 1. */
function listHashCode(values: readonly unknown[]): number {
  let h = 1;
  for (const value of values) h = (Math.imul(31, h) + javaHashCode(value)) | 0;
  return h;
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}
