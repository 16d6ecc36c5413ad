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
    String strategy = params.path("strategy").asText();
    long bound =
        switch (strategy) {
          case "monotonous" -> 0;
          case "boundedOutOfOrderness" -> params.path("maxOutOfOrdernessMs").asLong(0);
          default -> throw new IllegalArgumentException(
              where + ".strategy: must be \"monotonous\" or \"boundedOutOfOrderness\"");
        };
    boolean perRecord = params.path("emit").asText("periodic").equals("perRecord");
    Duration outOfOrderness = Duration.ofMillis(bound);
    WatermarkGeneratorSupplier<String> generator =
        perRecord
            ? context -> new PerRecordWatermarks<>(new BoundedOutOfOrdernessWatermarks<String>(outOfOrderness))
            : context -> (WatermarkGenerator<String>) new BoundedOutOfOrdernessWatermarks<String>(outOfOrderness);
    WatermarkStrategy<String> result = WatermarkStrategy.forGenerator(generator);
    if (params.hasNonNull("timestamp")) {
      String path = where + ".timestamp";
      UserFunction fn = new UserFunction(params.get("timestamp").asText(), "timestamp", path, maxParallelism);
      result = result.withTimestampAssigner(new JsTimestampAssigner(fn, path));
    }
    if (params.hasNonNull("idlenessMs")) result = result.withIdleness(Duration.ofMillis(params.get("idlenessMs").asLong()));
    return result;
  }
}
