package dev.sluice.flink.time;

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

  /** `where` is the params' JSON path, e.g. `$.operators[2].params`. */
  public static WatermarkStrategy<String> of(JsonNode params, String where, int maxParallelism) {
    WatermarkStrategy<String> result = WatermarkStrategy.forGenerator(generator(params, where, maxParallelism));
    if (params.hasNonNull("timestamp")) {
      String path = where + ".timestamp";
      UserFunction fn = new UserFunction(params.get("timestamp").asText(), "timestamp", path, maxParallelism);
      result = result.withTimestampAssigner(new JsTimestampAssigner(fn, path));
    }
    if (params.hasNonNull("idlenessMs")) result = result.withIdleness(Duration.ofMillis(params.get("idlenessMs").asLong()));
    return result;
  }

  private static WatermarkGeneratorSupplier<String> generator(JsonNode params, String where, int maxParallelism) {
    String strategy = params.path("strategy").asText();
    if (strategy.equals("punctuated")) {
      String path = where + ".fn";
      UserFunction fn = new UserFunction(params.path("fn").asText(), "punctuated", path, maxParallelism);
      return context -> new PunctuatedWatermarks(fn, path);
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
