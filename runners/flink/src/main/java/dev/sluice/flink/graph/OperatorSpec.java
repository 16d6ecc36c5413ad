package dev.sluice.flink.graph;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/** One operator of a Sluice JobGraph (packages/model/src/jobgraph.ts). `path` is its JSON path, for errors. */
public record OperatorSpec(
    String id,
    String kind,
    int parallelism,
    Integer maxParallelism,
    JsonNode params,
    String chaining,
    String slotSharingGroup,
    String path) {

  public String text(String param) {
    JsonNode node = params.get(param);
    if (node == null || !node.isTextual())
      throw new IllegalArgumentException(path + ".params." + param + ": a string is required");
    return node.asText();
  }

  public String optionalText(String param) {
    JsonNode node = params.get(param);
    return node == null || node.isNull() ? null : node.asText();
  }

  public Long optionalLong(String param) {
    JsonNode node = params.get(param);
    if (node == null || node.isNull()) return null;
    if (!node.canConvertToExactIntegral())
      throw new IllegalArgumentException(path + ".params." + param + ": an integer is required");
    return node.asLong();
  }

  public long requiredLong(String param) {
    Long value = optionalLong(param);
    if (value == null) throw new IllegalArgumentException(path + ".params." + param + ": an integer is required");
    return value;
  }
}
