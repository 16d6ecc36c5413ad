package dev.sluice.flink.run;

import java.util.stream.Stream;
import org.apache.flink.client.FlinkPipelineTranslationUtil;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;

/**
 * Lets a StreamExecutionEnvironment submit to a MiniCluster that is already running, so one cluster serves many
 * jobs (Flink's LocalExecutor starts a cluster per job).
 */
final class MiniClusterExecutors implements PipelineExecutorServiceLoader {
  /** The execution.target the environment names. */
  static final String NAME = "sluice-minicluster";

  private final MiniCluster cluster;

  MiniClusterExecutors(MiniCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
    return new PipelineExecutorFactory() {
      @Override
      public String getName() {
        return NAME;
      }

      @Override
      public boolean isCompatibleWith(Configuration configuration) {
        return true;
      }

      @Override
      public PipelineExecutor getExecutor(Configuration configuration) {
        return (pipeline, config, classLoader) -> {
          JobGraph jobGraph = FlinkPipelineTranslationUtil.getJobGraph(classLoader, pipeline, config, 1);
          return cluster
              .submitJob(jobGraph)
              .thenApply(
                  submitted ->
                      (JobClient)
                          new MiniClusterJobClient(
                              submitted.getJobID(),
                              cluster,
                              classLoader,
                              MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
        };
      }
    };
  }

  @Override
  public Stream<String> getExecutorNames() {
    return Stream.of(NAME);
  }

}
