package dev.sluice.flink.sinks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * `sink.print`, as Sluice prints: "N> " before each line when parallelism > 1, strings bare, anything else as
 * JSON. Lines go to stderr: the runner's stdout carries only its summaries.
 */
public final class PrintSink implements Sink<String> {
  @Override
  public SinkWriter<String> createWriter(WriterInitContext context) {
    var task = context.getTaskInfo();
    String prefix = task.getNumberOfParallelSubtasks() > 1 ? (task.getIndexOfThisSubtask() + 1) + "> " : "";
    return new SinkWriter<>() {
      @Override
      public void write(String json, Context ignored) {
        System.err.println(prefix + printable(json));
      }

      @Override
      public void flush(boolean endOfInput) {
        System.err.flush();
      }

      @Override
      public void close() {}
    };
  }

  static String printable(String json) {
    if (!json.startsWith("\"")) return json;
    try {
      return dev.sluice.flink.graph.Json.MAPPER.readValue(json, String.class);
    } catch (Exception e) {
      return json;
    }
  }
}
