package dev.sluice.flink.time;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * `emit: perRecord`: the generator's watermark after every record, as well as periodically (deterministic, for
 * teaching).
 */
final class PerRecordWatermarks<T> implements WatermarkGenerator<T> {
  private final WatermarkGenerator<T> generator;

  PerRecordWatermarks(WatermarkGenerator<T> generator) {
    this.generator = generator;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    generator.onEvent(event, eventTimestamp, output);
    generator.onPeriodicEmit(output);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    generator.onPeriodicEmit(output);
  }
}
