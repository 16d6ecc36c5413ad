package dev.sluice.flink.run;

import dev.sluice.flink.graph.JobSpec;
import dev.sluice.flink.translate.FlinkConfiguration;
import dev.sluice.flink.translate.JobTranslator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Submits a job to a running Flink session cluster over its REST API (the runner's jar goes with it) and waits for
 * the result. Collect sinks write under this machine's temp folder, which the cluster's TaskManagers must share (a
 * session cluster on 127.0.0.1, as `pnpm flink-cluster` starts). The cluster must have GraalJS on its classpath,
 * as one started from target/classpath.txt has.
 */
public final class RemoteRunner {
  private RemoteRunner() {}

  public static ObjectNode run(RunRequest request, URI flinkUrl) throws Exception {
    JobSpec job = JobSpec.read(request.job());
    ObjectNode summary = Summaries.start(job.name(), request);
    summary.put("flinkUrl", flinkUrl.toString());
    String jar = Path.of(RemoteRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createRemoteEnvironment(
            flinkUrl.getHost(), flinkUrl.getPort(), FlinkConfiguration.of(job.config()), jar);
    if (request.outputDir() != null) Files.createDirectories(request.outputDir());
    Path collectRoot = Files.createTempDirectory("sluice-flink-collect-");
    try {
      var sinks = JobTranslator.translate(job, env, collectRoot);
      long start = System.currentTimeMillis();
      JobClient client = env.executeAsync(job.name());
      Throwable failure = null;
      try {
        client.getJobExecutionResult().get();
      } catch (Exception e) {
        failure = e;
      }
      summary.put("jobId", client.getJobID().toString());
      summary.put("status", client.getJobStatus().get().name());
      summary.put("durationMs", System.currentTimeMillis() - start);
      Summaries.sinks(summary, SinkOutputs.write(sinks, request.outputDir()));
      Summaries.failure(summary, failure);
      return summary;
    } finally {
      SinkOutputs.delete(collectRoot);
    }
  }
}
