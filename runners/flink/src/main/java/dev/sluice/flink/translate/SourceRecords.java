package dev.sluice.flink.translate;

import dev.sluice.flink.graph.Json;
import dev.sluice.flink.graph.OperatorSpec;
import dev.sluice.flink.js.JsRuntime;
import dev.sluice.flink.sources.Datagen;
import dev.sluice.flink.sources.IndexedRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.graalvm.polyglot.Value;

/**
 * What each built-in source kind reads, as IndexedRecords. Values from files and the JobGraph are re-written by
 * JavaScript's JSON.stringify, so they travel as Sluice's functions would write them.
 */
final class SourceRecords {
  private SourceRecords() {}

  static IndexedRecords of(OperatorSpec op) throws IOException {
    return switch (op.kind()) {
      case "source.sequence" -> new IndexedRecords.Sequence(op.requiredLong("from"), op.optionalLong("to"));
      case "source.datagen" -> new IndexedRecords.Generated(
          new Datagen(
              op.requiredLong("seed"),
              op.requiredLong("keys"),
              op.params().path("keySkew").asDouble(0),
              op.requiredLong("maxOutOfOrdernessMs")),
          op.optionalLong("count"));
      case "source.collection" -> collection(op);
      case "source.file" -> file(op);
      default -> throw new IllegalArgumentException(op.path() + ".kind: " + op.kind() + " is not a source");
    };
  }

  private static IndexedRecords collection(OperatorSpec op) throws IOException {
    JsonNode elements = op.params().path("elements");
    if (!elements.isArray())
      throw new IllegalArgumentException(op.path() + ".params.elements: an array is required");
    Value normalize = JsRuntime.current().helper("normalize");
    List<String> values = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      JsonNode element = elements.get(i);
      JsonNode value = element.has("value") ? element.get("value") : null;
      values.add(value == null ? "null" : normalize.execute(Json.MAPPER.writeValueAsString(value)).asString());
      JsonNode timestamp = element.get("timestamp");
      timestamps.add(timestamp == null || timestamp.isNull() ? null : timestamp.asLong());
    }
    return new IndexedRecords.Elements(values, timestamps);
  }

  /** One string per line (`text`, empty lines too) or one JSON value per non-blank line (`ndjson`). */
  private static IndexedRecords file(OperatorSpec op) throws IOException {
    String path = op.text("path");
    String format = op.text("format");
    List<String> lines;
    try {
      lines = new ArrayList<>(List.of(Files.readString(Path.of(path)).split("\\r?\\n", -1)));
    } catch (IOException e) {
      throw new IllegalArgumentException(op.path() + ".params.path: cannot read " + path + ": " + e.getMessage(), e);
    }
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
    JsRuntime js = JsRuntime.current();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (format.equals("text")) {
        values.add(js.helper("stringify").execute(line).asString());
      } else if (!line.isBlank()) {
        try {
          values.add(js.helper("normalize").execute(line).asString());
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "operator \"" + op.id() + "\": " + path + " line " + (i + 1) + " is not JSON (" + e.getMessage() + ")");
        }
      }
    }
    List<Long> timestamps = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) timestamps.add(null);
    return new IndexedRecords.Elements(values, timestamps);
  }
}
