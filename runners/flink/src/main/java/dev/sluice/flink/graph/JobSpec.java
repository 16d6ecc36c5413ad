package dev.sluice.flink.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** A Sluice JobGraph JSON v1, read for translation. Node's `sluice validate` checks it in full beforehand. */
public record JobSpec(String name, JsonNode config, Map<String, OperatorSpec> operators, List<EdgeSpec> edges) {

  public static JobSpec read(Path file) throws IOException {
    return parse(Json.MAPPER.readTree(Files.readString(file)));
  }

  public static JobSpec parse(JsonNode root) {
    if (root == null || !root.isObject()) throw new IllegalArgumentException("$: a JobGraph object is required");
    if (root.path("version").asInt(-1) != 1) throw new IllegalArgumentException("$.version: must be 1");
    JsonNode config = root.path("config").isObject() ? root.get("config") : JsonNodeFactory.instance.objectNode();
    Map<String, OperatorSpec> operators = new LinkedHashMap<>();
    JsonNode ops = root.path("operators");
    if (!ops.isArray()) throw new IllegalArgumentException("$.operators: an array is required");
    for (int i = 0; i < ops.size(); i++) {
      JsonNode op = ops.get(i);
      String path = "$.operators[" + i + "]";
      String id = requiredText(op, "id", path);
      JsonNode params = op.path("params").isObject() ? op.get("params") : JsonNodeFactory.instance.objectNode();
      JsonNode maxParallelism = op.get("maxParallelism");
      JsonNode parallelism = op.get("parallelism");
      if (parallelism == null || !parallelism.canConvertToExactIntegral() || parallelism.asInt() < 1)
        throw new IllegalArgumentException(path + ".parallelism: a positive integer is required");
      operators.put(
          id,
          new OperatorSpec(
              id,
              requiredText(op, "kind", path),
              parallelism.asInt(),
              maxParallelism == null ? null : maxParallelism.asInt(),
              params,
              op.path("chaining").asText("ALWAYS"),
              op.path("slotSharingGroup").asText(null),
              path));
    }
    List<EdgeSpec> edges = new ArrayList<>();
    JsonNode es = root.path("edges");
    if (!es.isArray()) throw new IllegalArgumentException("$.edges: an array is required");
    for (int i = 0; i < es.size(); i++) {
      JsonNode e = es.get(i);
      String path = "$.edges[" + i + "]";
      String source = requiredText(e, "source", path);
      String target = requiredText(e, "target", path);
      if (!operators.containsKey(source))
        throw new IllegalArgumentException(path + ".source: no operator \"" + source + "\"");
      if (!operators.containsKey(target))
        throw new IllegalArgumentException(path + ".target: no operator \"" + target + "\"");
      String partitioner = e.hasNonNull("partitioner") ? e.get("partitioner").asText() : null;
      if ("hash".equals(partitioner) && !e.hasNonNull("key"))
        throw new IllegalArgumentException(path + ".key: a hash edge needs a key selector");
      String key = e.path("key").asText(null);
      edges.add(new EdgeSpec(source, target, partitioner, key, e.path("sideOutput").asText(null)));
    }
    return new JobSpec(root.path("name").asText(""), config, operators, edges);
  }

  public List<EdgeSpec> inputsOf(String operatorId) {
    return edges.stream().filter(e -> e.target().equals(operatorId)).toList();
  }

  /** The job's default max parallelism (config.maxParallelism), or null for Flink's own default. */
  public Integer defaultMaxParallelism() {
    JsonNode node = config.get("maxParallelism");
    return node == null ? null : node.asInt();
  }

  private static String requiredText(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty())
      throw new IllegalArgumentException(path + "." + field + ": a non-empty string is required");
    return value.asText();
  }
}
