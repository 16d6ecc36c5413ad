package dev.sluice.flink.sinks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * `sink.file` in a job without checkpointing, as Sluice writes it: subtask i appends its lines to
 * `part-<i>-0`. Flink's FileSink commits only on checkpoints, so without them it would leave nothing visible.
 */
public final class PartFileSink implements Sink<String> {
  private final String directory;

  public PartFileSink(String directory) {
    this.directory = directory;
  }

  @Override
  public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
    Path dir = Path.of(directory);
    Files.createDirectories(dir);
    Path file = dir.resolve("part-" + context.getTaskInfo().getIndexOfThisSubtask() + "-0");
    BufferedWriter out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    return new SinkWriter<>() {
      @Override
      public void write(String json, Context ignored) throws IOException {
        out.write(json);
        out.write('\n');
      }

      @Override
      public void flush(boolean endOfInput) throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
