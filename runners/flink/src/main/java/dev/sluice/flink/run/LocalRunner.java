package dev.sluice.flink.run;

import dev.sluice.flink.graph.JobSpec;
import dev.sluice.flink.js.JsRuntime;
import dev.sluice.flink.translate.FlinkConfiguration;
import dev.sluice.flink.translate.JobTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs jobs on an embedded MiniCluster of N TaskManagers × S slots, kept for the next job of the same shape (JVM
 * and cluster start cost seconds; a batch of small jobs pays them once).
 */
public final class LocalRunner implements AutoCloseable {
  private MiniCluster cluster;
  private int taskManagers;
  private int slots;

  public ObjectNode run(RunRequest request) throws Exception {
    // GraalJS initialises its classes on first use. The MiniCluster's TaskManagers share this JVM, so a task thread
    // interrupted in the middle of that (a TaskManager terminated, a task cancelled) would leave them unusable for
    // every later task ("Could not initialize class ...PolyglotContextImpl"): initialise them here first.
    JsRuntime.current();
    JobSpec job = JobSpec.read(request.job());
    ObjectNode summary = Summaries.start(job.name(), request);
    summary.put("taskManagers", request.taskManagers());
    summary.put("slotsPerTaskManager", request.slotsPerTaskManager());
    MiniCluster cluster = clusterFor(request.taskManagers(), request.slotsPerTaskManager());
    Configuration config = FlinkConfiguration.of(job.config());
    config.set(DeploymentOptions.TARGET, MiniClusterExecutors.NAME);
    StreamExecutionEnvironment env =
        new StreamExecutionEnvironment(new MiniClusterExecutors(cluster), config, getClass().getClassLoader());
    if (request.outputDir() != null) Files.createDirectories(request.outputDir());
    Path collectRoot = Files.createTempDirectory("sluice-flink-collect-");
    try {
      return run(job, env, collectRoot, cluster, request, summary);
    } finally {
      SinkOutputs.delete(collectRoot);
    }
  }

  private ObjectNode run(
      JobSpec job,
      StreamExecutionEnvironment env,
      Path collectRoot,
      MiniCluster cluster,
      RunRequest request,
      ObjectNode summary)
      throws Exception {
    var sinks = JobTranslator.translate(job, env, collectRoot);
    JobClient client = env.executeAsync(job.name());
    JobID jobId = client.getJobID();
    CompletableFuture<Integer> killed =
        request.killTaskManagerAfterMs() == null
            ? null
            : killTaskManagerAfter(cluster, jobId, request.killTaskManagerAfterMs());
    JobResult result = cluster.requestJobResult(jobId).get();
    Map<String, SinkOutputs.Written> written = SinkOutputs.write(sinks, request.outputDir());
    AccessExecutionGraph graph = cluster.getExecutionGraph(jobId).get();
    summary.put("jobId", jobId.toString());
    summary.put("status", graph.getState().name());
    long start = graph.getStatusTimestamp(JobStatus.INITIALIZING);
    summary.put("durationMs", result.getNetRuntime());
    summary.put("startTime", start);
    Summaries.sinks(summary, written);
    ClassLoader loader = getClass().getClassLoader();
    Throwable failure = result.getSerializedThrowable().map(t -> (Throwable) t.deserializeError(loader)).orElse(null);
    Summaries.failure(summary, failure);
    summary.put("restarts", restarts(graph));
    CheckpointStatsCounts counts = graph.getCheckpointStatsSnapshot().getCounts();
    ObjectNode checkpoints = summary.putObject("checkpoints");
    checkpoints.put("inProgress", counts.getNumberOfInProgressCheckpoints());
    checkpoints.put("completed", counts.getNumberOfCompletedCheckpoints());
    checkpoints.put("failed", counts.getNumberOfFailedCheckpoints());
    checkpoints.put("restored", counts.getNumberOfRestoredCheckpoints());
    if (killed != null) {
      Integer index = killed.get();
      if (index == null) summary.putNull("killedTaskManager");
      else summary.putObject("killedTaskManager").put("index", index);
      // The cluster lost a TaskManager: the next job gets a fresh one.
      closeCluster();
    }
    return summary;
  }

  /** A restart starts every task's next attempt: the highest attempt number is the number of restarts. */
  private static int restarts(AccessExecutionGraph graph) {
    int restarts = 0;
    for (AccessExecutionVertex vertex : graph.getAllExecutionVertices())
      restarts = Math.max(restarts, vertex.getCurrentExecutionAttempt().getAttemptNumber());
    return restarts;
  }

  /**
   * Terminates TaskManager 0 `ms` after the job is RUNNING, then starts a replacement, as a resource manager on
   * Kubernetes or YARN would (Sluice's ResourceManager does the same). Completes with the index killed, or null
   * when the job ended first.
   */
  private static CompletableFuture<Integer> killTaskManagerAfter(MiniCluster cluster, JobID jobId, long ms) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            while (true) {
              JobStatus status = cluster.getJobStatus(jobId).get();
              if (status == JobStatus.RUNNING) break;
              if (status.isGloballyTerminalState()) return null;
              TimeUnit.MILLISECONDS.sleep(10);
            }
            TimeUnit.MILLISECONDS.sleep(ms);
            if (cluster.getJobStatus(jobId).get().isGloballyTerminalState()) return null;
            System.err.println("sluice: terminating Flink TaskManager 0 of the MiniCluster");
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            return 0;
          } catch (Exception e) {
            throw new IllegalStateException("could not kill a TaskManager: " + e.getMessage(), e);
          }
        });
  }

  private MiniCluster clusterFor(int taskManagers, int slots) throws Exception {
    if (cluster != null && this.taskManagers == taskManagers && this.slots == slots) return cluster;
    closeCluster();
    Configuration config = new Configuration();
    // A free port for the REST endpoint: 8081 belongs to Sluice.
    config.set(RestOptions.BIND_PORT, "0");
    cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(taskManagers)
                .setNumSlotsPerTaskManager(slots)
                .build());
    cluster.start();
    this.taskManagers = taskManagers;
    this.slots = slots;
    return cluster;
  }

  private void closeCluster() throws Exception {
    if (cluster != null) cluster.close();
    cluster = null;
  }

  @Override
  public void close() throws Exception {
    closeCluster();
  }
}
