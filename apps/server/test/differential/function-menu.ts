/**
 * The fixed menu of user functions the generated jobs draw from: deterministic JavaScript that both engines run
 * unchanged. Records are `{ k, v }` objects; every function keeps the fields it does not compute (`...r`), so a
 * routing tag added after a hash edge reaches the sink.
 */

/** Keys of every Java type a key can take (§3 Java hashCode): String, Integer, Long (2^31), Double (beyond 2^53, fractions). */
export const KEY_VALUES: readonly unknown[] = ['a', 'b', 'c', 'hello', 0, 1, -5, 2 ** 31, 2 ** 53 + 2, 2 ** 60, 1.5];

export const MAPS = [
  '(r) => ({ ...r, v: r.v * 3 + 1 })',
  '(r, ctx) => ({ ...r, v: r.v - ctx.parallelism })',
  "(r) => ({ ...r, k: typeof r.k === 'string' ? r.k.toUpperCase() : r.k })",
];

export const FILTERS = ['(r) => r.v % 3 !== 0', "(r) => r.k !== 'b'", '(r) => r.v > -20'];

export const FLAT_MAPS = ['(r) => [r, { ...r, v: r.v + 100 }]', '(r) => (r.v % 2 === 0 ? [] : [r])'];

/** A map right behind a hash edge: each record says which subtask its key was routed to (§3 Key groups). */
export const TAG_SUBTASK = '(r, ctx) => ({ ...r, st: ctx.subtaskIndex })';

/** Key selectors over `k` only, so a running aggregate's output has the key of its input (per-key order checks). */
export const KEYS_OF_K = ['(r) => r.k', '(r) => String(r.k)', '(r) => [r.k, 1]', '(r) => ({ key: r.k })'];

/** Any key selector, over `v` too: negative remainders, halves (Double), strings. */
export const KEYS = [...KEYS_OF_K, '(r) => r.v % 3', '(r) => r.v / 2', "(r) => 'k' + (r.v % 4)"];

export const REDUCES = ['(a, r) => ({ ...a, v: a.v + r.v })', '(a, r) => ({ ...a, v: Math.max(a.v, r.v) })'];

export const WINDOW_AGGREGATES: Record<string, unknown>[] = [
  { sum: 'v' },
  { count: true },
  { min: 'v' },
  { max: 'v' },
  { avg: 'v' },
];

/** A window reduce whose result does not depend on the order of the window's elements. */
export const WINDOW_REDUCE = '(a, r) => ({ k: a.k, v: a.v + r.v })';

/** Turns a sequence number into a record, so a source.sequence feeds the same functions. */
export const SHAPE_SEQUENCE = `(n) => ({ k: ${JSON.stringify(KEY_VALUES)}[n % ${KEY_VALUES.length}], v: n })`;
