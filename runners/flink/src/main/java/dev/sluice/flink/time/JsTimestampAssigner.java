package dev.sluice.flink.time;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.graalvm.polyglot.Value;

/**
 * A `timestamp` function `(value, previousTimestamp) => ms`. A record without a timestamp has Flink's
 * Long.MIN_VALUE, which the function sees as Sluice's MIN_TIMESTAMP (Number.MIN_SAFE_INTEGER).
 */
final class JsTimestampAssigner implements SerializableTimestampAssigner<String> {
  private static final long MIN_SAFE_INTEGER = -9007199254740991L;
  private final UserFunction fn;
  private final String where;
  private final Lifecycle lifecycle;
  private final int maxParallelism;

  JsTimestampAssigner(UserFunction fn, String where, Lifecycle lifecycle, int maxParallelism) {
    this.fn = fn;
    this.where = where;
    this.lifecycle = lifecycle;
    this.maxParallelism = maxParallelism;
  }

  @Override
  public long extractTimestamp(String element, long recordTimestamp) {
    long previous = recordTimestamp == Long.MIN_VALUE ? MIN_SAFE_INTEGER : recordTimestamp;
    lifecycle.openOnTaskThread(maxParallelism);
    Value timestamp = fn.call(element, previous);
    if (!timestamp.isNumber() || !timestamp.fitsInLong())
      throw new IllegalArgumentException(
          where + ": timestamp must be an integer number of milliseconds, got " + timestamp);
    return timestamp.asLong();
  }
}
