package dev.sluice.flink.translate;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/** A JobGraph's `config` as Flink's configuration options (checkpointing, restart strategy, pipeline). */
public final class FlinkConfiguration {
  private FlinkConfiguration() {}

  public static Configuration of(JsonNode config) {
    Map<String, String> options = new HashMap<>();
    if (config.has("maxParallelism")) options.put("pipeline.max-parallelism", config.get("maxParallelism").asText());
    if (config.has("autoWatermarkIntervalMs"))
      options.put("pipeline.auto-watermark-interval", ms(config.get("autoWatermarkIntervalMs")));
    if (config.has("operatorChaining"))
      options.put("pipeline.operator-chaining.enabled", config.get("operatorChaining").asText());
    if (config.has("chainOperatorsWithDifferentMaxParallelism"))
      options.put(
          "pipeline.operator-chaining.chain-operators-with-different-max-parallelism",
          config.get("chainOperatorsWithDifferentMaxParallelism").asText());
    JsonNode checkpointing = config.get("checkpointing");
    if (checkpointing != null) checkpointing(checkpointing, options);
    JsonNode restart = config.get("restartStrategy");
    if (restart != null) restartStrategy(restart, options);
    return Configuration.fromMap(options);
  }

  private static void checkpointing(JsonNode c, Map<String, String> options) {
    options.put("execution.checkpointing.interval", ms(c.get("intervalMs")));
    options.put("execution.checkpointing.mode", c.path("mode").asText("EXACTLY_ONCE"));
    if (c.has("timeoutMs")) options.put("execution.checkpointing.timeout", ms(c.get("timeoutMs")));
    if (c.has("minPauseMs")) options.put("execution.checkpointing.min-pause", ms(c.get("minPauseMs")));
    if (c.has("unaligned")) options.put("execution.checkpointing.unaligned.enabled", c.get("unaligned").asText());
    if (c.has("storageDir")) {
      String uri = new File(c.get("storageDir").asText()).getAbsoluteFile().toURI().toString();
      options.put("execution.checkpointing.dir", uri);
    }
    if (c.has("retainedCheckpoints"))
      options.put("execution.checkpointing.num-retained", c.get("retainedCheckpoints").asText());
  }

  private static void restartStrategy(JsonNode r, Map<String, String> options) {
    String type = r.path("type").asText();
    options.put("restart-strategy.type", type);
    String prefix = "restart-strategy." + type + ".";
    switch (type) {
      case "fixed-delay" -> {
        copy(r, "attempts", options, prefix + "attempts");
        copyMs(r, "delayMs", options, prefix + "delay");
      }
      case "failure-rate" -> {
        copy(r, "maxFailuresPerInterval", options, prefix + "max-failures-per-interval");
        copyMs(r, "failureRateIntervalMs", options, prefix + "failure-rate-interval");
        copyMs(r, "delayMs", options, prefix + "delay");
      }
      case "exponential-delay" -> {
        copyMs(r, "initialBackoffMs", options, prefix + "initial-backoff");
        copyMs(r, "maxBackoffMs", options, prefix + "max-backoff");
        copy(r, "backoffMultiplier", options, prefix + "backoff-multiplier");
        copyMs(r, "resetBackoffThresholdMs", options, prefix + "reset-backoff-threshold");
        copy(r, "jitterFactor", options, prefix + "jitter-factor");
        copy(r, "attemptsBeforeResetBackoff", options, prefix + "attempts-before-reset-backoff");
      }
      case "none" -> {}
      default -> throw new IllegalArgumentException(
          "$.config.restartStrategy.type: must be none, fixed-delay, failure-rate or exponential-delay");
    }
  }

  private static void copy(JsonNode node, String field, Map<String, String> options, String key) {
    if (node.has(field)) options.put(key, node.get(field).asText());
  }

  private static void copyMs(JsonNode node, String field, Map<String, String> options, String key) {
    if (node.has(field)) options.put(key, ms(node.get(field)));
  }

  private static String ms(JsonNode value) {
    return value.asLong() + " ms";
  }
}
