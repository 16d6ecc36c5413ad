package dev.sluice.bench.flink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A MiniCluster kept for every run of a job, as Sluice's bench keeps its LocalCluster: the times of a run are read
 * from Flink's own execution graph (the state timestamps of each subtask and of the job), so they split into
 * deployment and run exactly as the Sluice side splits its own.
 */
final class MiniClusterRunner implements AutoCloseable {
  private final MiniCluster miniCluster;

  private MiniClusterRunner(MiniCluster miniCluster) {
    this.miniCluster = miniCluster;
  }

  static MiniClusterRunner start(int taskManagers, int slotsPerTaskManager) throws Exception {
    Configuration configuration = new Configuration();
    // The MiniCluster's REST endpoint would take 8081, Sluice's port.
    configuration.set(RestOptions.BIND_PORT, "0");
    MiniCluster miniCluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(taskManagers)
                .setNumSlotsPerTaskManager(slotsPerTaskManager)
                .withRandomPorts()
                .build());
    miniCluster.start();
    return new MiniClusterRunner(miniCluster);
  }

  /**
   * Builds the job, submits it and waits for its end. The clock starts before Flink compiles the StreamGraph into
   * its JobGraph, since Sluice's submission plans the JobGraph JSON it is given.
   */
  JobRun run(BaselineJob job, long records) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    job.define(env, records);
    long submitted = System.currentTimeMillis();
    JobGraph jobGraph = env.getStreamGraph().getJobGraph();
    JobID jobId = miniCluster.submitJob(jobGraph).get().getJobID();
    JobResult result = miniCluster.requestJobResult(jobId).get();
    ClassLoader classLoader = MiniClusterRunner.class.getClassLoader();
    if (!result.isSuccess())
      throw new IllegalStateException(
          "job " + jobGraph.getName() + " ended " + result.getApplicationStatus(),
          result.getSerializedThrowable().map(t -> t.deserializeError(classLoader)).orElse(null));
    ArchivedExecutionGraph graph = miniCluster.getArchivedExecutionGraph(jobId).get();
    long allRunning = 0;
    for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
      long running = vertex.getCurrentExecutionAttempt().getStateTimestamp(ExecutionState.RUNNING);
      if (running == 0)
        throw new IllegalStateException(vertex.getTaskNameWithSubtaskIndex() + " was never RUNNING");
      allRunning = Math.max(allRunning, running);
    }
    long finished = graph.getStatusTimestamp(JobStatus.FINISHED);
    return new JobRun(
        result.toJobExecutionResult(classLoader),
        graph,
        (allRunning - submitted) / 1000.0,
        (finished - allRunning) / 1000.0);
  }

  @Override
  public void close() throws Exception {
    miniCluster.close();
  }
}
