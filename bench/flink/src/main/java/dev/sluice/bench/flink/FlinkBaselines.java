package dev.sluice.bench.flink;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The bench's {@code flink-java} baselines: the bench's jobs written natively against Flink's DataStream API (no
 * JavaScript engine), run on a Flink MiniCluster in this JVM. Usage: {@code FlinkBaselines chained|keyed|deploy
 * RECORDS RUNS}. One warm-up run on a tenth of the records, then RUNS measured runs, each printed as one JSON line:
 * {@code {"deploySeconds": .., "runSeconds": .., "checked": ..}}. Every run's result is checked (the exact sum, every
 * record counted into the keyed operator), so a fast wrong answer fails with exit code 1. With a fourth argument, a
 * Sluice JobGraph JSON file, the job is that JobGraph through the Flink runner ({@code flink-runner}) instead.
 */
public final class FlinkBaselines {
  private FlinkBaselines() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 && args.length != 4) {
      System.err.println("usage: FlinkBaselines chained|keyed|deploy RECORDS RUNS [JOBGRAPH.json]");
      System.exit(2);
    }
    BaselineJob nativeJob =
        switch (args[0]) {
          case "chained" -> new ChainedJob();
          case "keyed" -> new KeyedJob();
          case "deploy" -> new DeployJob();
          default -> throw new IllegalArgumentException("unknown job " + args[0]);
        };
    BaselineJob job = args.length == 4 ? new RunnerJob(nativeJob, Path.of(args[3])) : nativeJob;
    long records = Long.parseLong(args[1]);
    int runs = Integer.parseInt(args[2]);
    try (MiniClusterRunner cluster = MiniClusterRunner.start(job.taskManagers(), job.slotsPerTaskManager())) {
      long warmUp = Math.max(1, records / 10);
      job.check(cluster.run(job, warmUp), warmUp);
      for (int run = 0; run < runs; run++) {
        JobRun measured = cluster.run(job, records);
        long checked = job.check(measured, records);
        System.out.println(
            String.format(
                Locale.ROOT,
                "{\"deploySeconds\": %.6f, \"runSeconds\": %.6f, \"checked\": %d}",
                measured.deploySeconds(),
                measured.runSeconds(),
                checked));
      }
    }
  }
}
