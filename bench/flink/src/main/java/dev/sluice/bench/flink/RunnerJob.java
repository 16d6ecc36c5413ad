package dev.sluice.bench.flink;

import dev.sluice.flink.graph.JobSpec;
import dev.sluice.flink.translate.JobTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code flink-runner} baselines: the Sluice side's very JobGraph JSON, translated by the Flink runner
 * (runners/flink) with its JavaScript functions, run on the same MiniCluster shape as the native job and timed the
 * same way, so the difference to {@code flink-java} is the cost of the JS functions and JSON records. The source's
 * {@code to} is set per run (warm-up and measured runs differ in size).
 */
final class RunnerJob implements BaselineJob {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BaselineJob nativeJob;
  private final JsonNode jobGraph;
  private Path collectRoot;

  RunnerJob(BaselineJob nativeJob, Path jobGraphFile) throws IOException {
    this.nativeJob = nativeJob;
    this.jobGraph = JSON.readTree(jobGraphFile.toFile());
  }

  @Override
  public int taskManagers() {
    return nativeJob.taskManagers();
  }

  @Override
  public int slotsPerTaskManager() {
    return nativeJob.slotsPerTaskManager();
  }

  @Override
  public void define(StreamExecutionEnvironment env, long records) {
    JsonNode sized = jobGraph.deepCopy();
    for (JsonNode op : sized.get("operators"))
      if (op.get("kind").asText().equals("source.sequence")) ((ObjectNode) op.get("params")).put("to", records);
    try {
      deleteCollectRoot();
      collectRoot = Files.createTempDirectory("sluice-bench-flink-runner-");
      JobTranslator.translate(JobSpec.parse(sized), env, collectRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long check(JobRun run, long records) {
    try {
      return nativeJob instanceof ChainedJob ? checkSum(records) : KeyedJob.checkEveryRecordCounted(run, records);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteCollectRoot();
    }
  }

  /** The collect sink's records are the running totals; the largest is the final one. */
  private long checkSum(long records) throws IOException {
    long total;
    try (Stream<Path> files = Files.walk(collectRoot)) {
      total =
          files
              .filter(Files::isRegularFile)
              .flatMap(RunnerJob::lines)
              .filter(line -> !line.isEmpty())
              .mapToLong(Long::parseLong)
              .max()
              .orElse(0);
    }
    if (total != ChainedJob.expectedSum(records))
      throw new IllegalStateException(
          "the runner summed 1.." + records + " to " + total + ", expected " + ChainedJob.expectedSum(records));
    return total;
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.lines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteCollectRoot() {
    if (collectRoot == null) return;
    try (Stream<Path> paths = Files.walk(collectRoot)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    collectRoot = null;
  }
}
