package dev.sluice.flink;

import dev.sluice.flink.graph.Json;
import dev.sluice.flink.graph.JobSpec;
import dev.sluice.flink.plan.FlinkPlan;
import dev.sluice.flink.run.LocalRunner;
import dev.sluice.flink.run.RemoteRunner;
import dev.sluice.flink.run.RunRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runner's command line (runners/flink/README.md):
 *   run JOB.json [--output DIR] [--taskmanagers N] [--slots-per-taskmanager S] [--kill-taskmanager-after MS]
 *                [--flink-url URL]
 *   plan JOB.json
 *   run-batch BATCH.json     one summary line per job, on one MiniCluster per TaskManager shape
 *   plan-batch BATCH.json    one {"job", "plan"} or {"job", "error"} line per job
 * stdout carries only results, one JSON object a line; exit code 0 when every job FINISHED, 1 otherwise, 2 for a
 * wrong command line.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    int code;
    try {
      code = dispatch(args);
    } catch (UsageError e) {
      System.err.println("sluice-flink: " + e.getMessage());
      code = 2;
    }
    System.out.flush();
    // Flink's and GraalJS's non-daemon threads would keep the JVM alive.
    System.exit(code);
  }

  private static int dispatch(String[] args) throws Exception {
    if (args.length < 2) throw new UsageError("usage: run|plan|run-batch|plan-batch FILE.json [options]");
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "plan":
        try {
          System.out.println(FlinkPlan.of(JobSpec.read(file)));
          return 0;
        } catch (IllegalArgumentException e) {
          System.err.println("sluice-flink: " + e.getMessage());
          return 1;
        }
      case "plan-batch": {
        for (JsonNode entry : Json.MAPPER.readTree(Files.readString(file))) {
          String job = entry.isTextual() ? entry.asText() : entry.path("job").asText();
          ObjectNode line = Json.MAPPER.createObjectNode().put("job", job);
          try {
            line.set("plan", FlinkPlan.of(JobSpec.read(Path.of(job))));
          } catch (Exception e) {
            line.put("error", String.valueOf(e.getMessage()));
          }
          System.out.println(line);
        }
        return 0;
      }
      case "run": {
        Options options = Options.parse(args, 2);
        RunRequest request = options.request(file);
        ObjectNode summary;
        try {
          if (options.flinkUrl != null) {
            summary = RemoteRunner.run(request, URI.create(options.flinkUrl));
          } else {
            try (LocalRunner runner = new LocalRunner()) {
              summary = runner.run(request);
            }
          }
        } catch (Exception e) {
          summary = failed(request, e);
        }
        System.out.println(summary);
        return finished(summary) ? 0 : 1;
      }
      case "run-batch": {
        boolean all = true;
        try (LocalRunner runner = new LocalRunner()) {
          for (JsonNode entry : Json.MAPPER.readTree(Files.readString(file))) {
            RunRequest request = batchRequest(entry);
            ObjectNode summary;
            try {
              summary = runner.run(request);
            } catch (Exception e) {
              summary = failed(request, e);
            }
            all &= finished(summary);
            System.out.println(summary);
            System.out.flush();
          }
        }
        return all ? 0 : 1;
      }
      default:
        throw new UsageError("unknown command \"" + args[0] + "\"");
    }
  }

  /** A job that could not be built or submitted (bad input, an unreachable cluster): FAILED with the reason. */
  private static ObjectNode failed(RunRequest request, Exception e) {
    ObjectNode summary = Json.MAPPER.createObjectNode().put("job", request.job().toString()).put("status", "FAILED");
    summary.putObject("failure").put("message", String.valueOf(e.getMessage()));
    return summary;
  }

  private static boolean finished(ObjectNode summary) {
    return summary.path("status").asText().equals("FINISHED");
  }

  /** {"job", "output"?, "taskmanagers"?, "slotsPerTaskManager"?, "killTaskManagerAfterMs"?} */
  private static RunRequest batchRequest(JsonNode entry) {
    if (!entry.hasNonNull("job")) throw new UsageError("batch entry " + entry + ": \"job\" is required");
    return new RunRequest(
        Path.of(entry.get("job").asText()),
        entry.hasNonNull("output") ? Path.of(entry.get("output").asText()) : null,
        entry.path("taskmanagers").asInt(2),
        entry.path("slotsPerTaskManager").asInt(2),
        entry.hasNonNull("killTaskManagerAfterMs") ? entry.get("killTaskManagerAfterMs").asLong() : null);
  }

  private static final class Options {
    String output;
    int taskManagers = 2;
    int slots = 2;
    Long killAfter;
    String flinkUrl;

    static Options parse(String[] args, int from) {
      Options o = new Options();
      List<String> rest = new ArrayList<>(List.of(args).subList(from, args.length));
      while (!rest.isEmpty()) {
        String flag = rest.remove(0);
        if (rest.isEmpty()) throw new UsageError(flag + ": a value is required");
        String value = rest.remove(0);
        switch (flag) {
          case "--output" -> o.output = value;
          case "--taskmanagers" -> o.taskManagers = positive(flag, value);
          case "--slots-per-taskmanager" -> o.slots = positive(flag, value);
          case "--kill-taskmanager-after" -> o.killAfter = (long) positive(flag, value);
          case "--flink-url" -> o.flinkUrl = value;
          default -> throw new UsageError("unknown option " + flag);
        }
      }
      return o;
    }

    RunRequest request(Path job) {
      return new RunRequest(job, output == null ? null : Path.of(output), taskManagers, slots, killAfter);
    }

    private static int positive(String flag, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n >= 1) return n;
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new UsageError(flag + ": expected a positive whole number, got \"" + value + "\"");
    }
  }

  private static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }
}
