package dev.sluice.flink.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads back what the collect sinks committed and writes DIR/<sink id>.ndjson, one JSON value a line, as
 * `sluice run` does: each subtask's records in the order it wrote them, subtask after subtask.
 */
final class SinkOutputs {
  /** Per sink: records that arrived and the file written (null without an output directory). */
  record Written(long records, String file) {}

  /** part-<subtask>-0 (PartFileSink) or part-<writer uuid>-<counter> (FileSink): the writer, then the counter. */
  private static final Pattern PART = Pattern.compile("^(.*)-(\\d+)$");

  private SinkOutputs() {}

  static Map<String, Written> write(Map<String, Path> sinks, Path outputDir) throws IOException {
    Map<String, Written> written = new LinkedHashMap<>();
    for (var sink : sinks.entrySet()) {
      Path file = outputDir == null ? null : outputDir.resolve(sink.getKey() + ".ndjson");
      long records = 0;
      try (BufferedWriter out = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (Path part : committedParts(sink.getValue())) {
          for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
            records++;
            if (out != null) {
              out.write(line);
              out.write('\n');
            }
          }
        }
      }
      written.put(sink.getKey(), new Written(records, file == null ? null : file.toString()));
    }
    return written;
  }

  /** Committed files only: in-progress and pending ones are hidden (a leading dot) until their checkpoint completes. */
  private static List<Path> committedParts(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) return List.of();
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing((Path p) -> writer(p)).thenComparingLong(SinkOutputs::counter))
          .toList();
    }
  }

  private static String writer(Path part) {
    Matcher m = PART.matcher(part.getFileName().toString());
    return m.matches() ? m.group(1) : part.getFileName().toString();
  }

  private static long counter(Path part) {
    Matcher m = PART.matcher(part.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(2)) : 0;
  }

  /** Deletes a run's collect folders. */
  static void delete(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
