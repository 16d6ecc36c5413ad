/**
 * Event time in JavaScript numbers with Java `long` meaning.
 *
 * Flink's timestamps and watermarks are int64 milliseconds, with `Long.MIN_VALUE` as "no timestamp / no
 * watermark yet" and `Long.MAX_VALUE` as the end of event time. A JS number is exact only within ±(2^53 − 1), so
 * Sluice's event-time arithmetic works between the two ends of that range: every computation
 * (`MIN + d + 1`, `maxTs − d − 1`) is exact integer arithmetic and never becomes NaN. The final watermark on the
 * wire is `MAX_WATERMARK_TIMESTAMP` (+Infinity, see elements/); it compares above every timestamp here, so all
 * comparisons (`<=`/`>`) treat both as the end of event time.
 */

/** Flink's `Long.MIN_VALUE`: the initial watermark and the timestamp of a record that has none. */
export const MIN_TIMESTAMP = Number.MIN_SAFE_INTEGER;

/** Flink's `Long.MAX_VALUE` as the largest exact event time; watermarks at or beyond it end event time. */
export const MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;
