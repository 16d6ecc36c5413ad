package dev.sluice.flink.run;

import dev.sluice.flink.graph.Json;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.util.ExceptionUtils;

/** The JSON summary line of a run, in the shape of `sluice run`'s (status, sinks, failure, restarts, checkpoints). */
final class Summaries {
  private Summaries() {}

  static ObjectNode sinks(ObjectNode summary, Map<String, SinkOutputs.Written> written) {
    ObjectNode sinks = summary.putObject("sinks");
    written.forEach(
        (id, w) -> {
          ObjectNode sink = sinks.putObject(id);
          sink.put("records", w.records());
          sink.put("file", w.file());
        });
    return summary;
  }

  static void failure(ObjectNode summary, Throwable failure) {
    if (failure == null) {
      summary.putNull("failure");
      return;
    }
    Throwable root = ExceptionUtils.stripCompletionException(failure);
    ObjectNode node = summary.putObject("failure");
    node.put("message", rootMessage(root));
    node.put("stack", ExceptionUtils.stringifyException(root));
  }

  /** The innermost cause's message: what the user's function or Flink said went wrong. */
  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  static ObjectNode start(String jobName, RunRequest request) {
    ObjectNode summary = Json.MAPPER.createObjectNode();
    summary.put("job", request.job().toString());
    summary.put("name", jobName);
    summary.put("engine", "flink");
    return summary;
  }
}
