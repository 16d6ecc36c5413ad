package dev.sluice.flink.time;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.graalvm.polyglot.Value;

/**
 * `strategy: punctuated`: the user's `(value, timestamp) => watermark or null` after every record, nothing
 * periodic.
 */
final class PunctuatedWatermarks implements WatermarkGenerator<String> {
  private final UserFunction fn;
  private final String where;
  private final Lifecycle lifecycle;
  private final int maxParallelism;

  PunctuatedWatermarks(UserFunction fn, String where, Lifecycle lifecycle, int maxParallelism) {
    this.fn = fn;
    this.where = where;
    this.lifecycle = lifecycle;
    this.maxParallelism = maxParallelism;
  }

  @Override
  public void onEvent(String event, long eventTimestamp, WatermarkOutput output) {
    lifecycle.openOnTaskThread(maxParallelism);
    Value watermark = fn.call(event, eventTimestamp);
    if (watermark.isNull()) return;
    if (!watermark.isNumber() || !watermark.fitsInLong())
      throw new IllegalArgumentException(
          where + ": the watermark must be an integer number of milliseconds or null, got " + watermark);
    output.emitWatermark(new Watermark(watermark.asLong()));
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}
}
