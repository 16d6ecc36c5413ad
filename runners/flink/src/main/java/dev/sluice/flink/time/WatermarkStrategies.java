package dev.sluice.flink.time;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/** A `watermarks` operator's params (or a source's `params.watermarks`) as Flink's WatermarkStrategy. */
public final class WatermarkStrategies {
  private WatermarkStrategies() {}

  /**
   * `where` is the params' JSON path, e.g. `$.operators[2].params`; `lifecycle` the watermarks operator's open and
   * close (a source's own strategy has none). Flink gives timestamp assigners and generators no open or close: open
   * runs before their first call, close never.
   */
  public static WatermarkStrategy<String> of(
      JsonNode params, String where, String operatorId, int maxParallelism, Lifecycle lifecycle) {
    WatermarkStrategy<String> result =
        WatermarkStrategy.forGenerator(generator(params, where, operatorId, maxParallelism, lifecycle));
    if (params.hasNonNull("timestamp")) {
      String path = where + ".timestamp";
      UserFunction fn =
          new UserFunction(params.get("timestamp").asText(), "timestamp", path, operatorId, maxParallelism);
      result = result.withTimestampAssigner(new JsTimestampAssigner(fn, path, lifecycle, maxParallelism));
    }
    if (params.hasNonNull("idlenessMs"))
      result = result.withIdleness(Duration.ofMillis(params.get("idlenessMs").asLong()));
    return result;
  }

  private static WatermarkGeneratorSupplier<String> generator(
      JsonNode params, String where, String operatorId, int maxParallelism, Lifecycle lifecycle) {
    String strategy = params.path("strategy").asText();
    if (strategy.equals("punctuated")) {
      String path = where + ".fn";
      UserFunction fn = new UserFunction(params.path("fn").asText(), "punctuated", path, operatorId, maxParallelism);
      return context -> new PunctuatedWatermarks(fn, path, lifecycle, maxParallelism);
    }
    long bound =
        switch (strategy) {
          case "monotonous" -> 0;
          case "boundedOutOfOrderness" -> params.path("maxOutOfOrdernessMs").asLong(0);
          default -> throw new IllegalArgumentException(
              where + ".strategy: must be \"monotonous\", \"boundedOutOfOrderness\" or \"punctuated\"");
        };
    Duration outOfOrderness = Duration.ofMillis(bound);
    if (params.path("emit").asText("periodic").equals("perRecord"))
      return context -> new PerRecordWatermarks<>(new BoundedOutOfOrdernessWatermarks<String>(outOfOrderness));
    return context -> (WatermarkGenerator<String>) new BoundedOutOfOrdernessWatermarks<String>(outOfOrderness);
  }
}
