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
 * the result; collect sinks' records come back over REST too. The cluster must have GraalJS on its classpath,
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
    var sinks = JobTranslator.translate(job, env);
    if (request.outputDir() != null) Files.createDirectories(request.outputDir());
    SinkOutputs outputs = new SinkOutputs(sinks, request.outputDir());
    long start = System.currentTimeMillis();
    JobClient client = env.executeAsync(job.name());
    outputs.start();
    Throwable failure = null;
    try {
      client.getJobExecutionResult().get();
    } catch (Exception e) {
      failure = e;
    }
    var written = outputs.finish();
    summary.put("jobId", client.getJobID().toString());
    summary.put("status", client.getJobStatus().get().name());
    summary.put("durationMs", System.currentTimeMillis() - start);
    Summaries.sinks(summary, written);
    if (failure == null) failure = outputs.failure();
    Summaries.failure(summary, failure);
    return summary;
  }
}
