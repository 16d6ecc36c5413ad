package dev.sluice.flink.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.collect.CollectResultIterator;

/**
 * Drains every collect sink while the job runs (a sink whose results nobody fetches would hold the job back) and
 * writes DIR/<sink id>.ndjson in arrival order, one JSON value a line, as `sluice run` does.
 */
final class SinkOutputs {
  /** Per sink: records that arrived and the file written (null without an output directory). */
  record Written(long records, String file) {}

  private final List<Thread> drains = new ArrayList<>();
  private final Map<String, long[]> counts = new LinkedHashMap<>();
  private final Map<String, String> files = new LinkedHashMap<>();
  private final List<Exception> failures = new ArrayList<>();

  SinkOutputs(Map<String, CollectResultIterator<String>> sinks, Path outputDir) throws IOException {
    for (var sink : sinks.entrySet()) {
      Path file = outputDir == null ? null : outputDir.resolve(sink.getKey() + ".ndjson");
      BufferedWriter out = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      long[] count = new long[1];
      counts.put(sink.getKey(), count);
      files.put(sink.getKey(), file == null ? null : file.toString());
      Thread drain =
          new Thread(
              () -> {
                try (CollectResultIterator<String> records = sink.getValue()) {
                  while (records.hasNext()) {
                    String record = records.next();
                    count[0]++;
                    if (out != null) {
                      out.write(record);
                      out.write('\n');
                    }
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                } finally {
                  try {
                    if (out != null) out.close();
                  } catch (IOException e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                }
              },
              "sluice-collect-" + sink.getKey());
      drains.add(drain);
    }
  }

  void start() {
    drains.forEach(Thread::start);
  }

  /** Waits for every sink's last record; returns what each wrote. */
  Map<String, Written> finish() throws InterruptedException {
    for (Thread drain : drains) drain.join();
    Map<String, Written> written = new LinkedHashMap<>();
    for (String id : counts.keySet()) written.put(id, new Written(counts.get(id)[0], files.get(id)));
    return written;
  }

  /** The first failure of fetching results, if any (the job's own failure is reported separately). */
  Exception failure() {
    synchronized (failures) {
      return failures.isEmpty() ? null : failures.get(0);
    }
  }
}
