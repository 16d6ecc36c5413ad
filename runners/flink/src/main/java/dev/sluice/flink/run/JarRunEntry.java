package dev.sluice.flink.run;

import dev.sluice.flink.graph.JobSpec;
import dev.sluice.flink.graph.Json;
import dev.sluice.flink.translate.FlinkConfiguration;
import dev.sluice.flink.translate.JobTranslator;
import java.nio.file.Files;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry class of the runner jar when a Flink session cluster runs it itself (POST /jars/:id/run, as the Sluice
 * server does for its Flink run targets): the only program argument is the JobGraph JSON text. The JobManager runs
 * this main, whose execution environment submits the job to its own Dispatcher and returns; the server follows the
 * job over Flink's REST API. Unlike Main it never calls System.exit, which would end the JobManager. Collect sinks
 * write under the JobManager machine's temp folder, where nobody reads them back: on this path the server counts
 * records from Flink's metrics instead.
 */
public final class JarRunEntry {
  private JarRunEntry() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) throw new IllegalArgumentException("one program argument is expected: the JobGraph JSON");
    JobSpec job = JobSpec.parse(Json.MAPPER.readTree(args[0]));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(FlinkConfiguration.of(job.config()));
    JobTranslator.translate(job, env, Files.createTempDirectory("sluice-flink-collect-"));
    env.executeAsync(job.name());
  }
}
