package dev.sluice.bench.flink;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** One of the bench's jobs in Flink's DataStream API, with the cluster it runs on and the check of its result. */
interface BaselineJob {
  int taskManagers();

  int slotsPerTaskManager();

  /** Adds the job's operators over {@code records} records to {@code env}. */
  void define(StreamExecutionEnvironment env, long records);

  /** Throws when the run's result is wrong; otherwise returns the figure it checked. */
  long check(JobRun run, long records);
}
