package dev.sluice.bench.flink;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code deploy-100-tasks}: a source, 23 maps and a sink, none chained, at parallelism 4: 25 JobVertices of 4
 * subtasks, 100 tasks in 4 slots (one slot sharing group, §2 Slot sharing) on 2 TaskManagers of 2 slots.
 */
final class DeployJob implements BaselineJob {
  static final int OPERATORS = 25;
  private static final int PARALLELISM = 4;
  private static final String SINK = "op-" + OPERATORS;

  static final class Identity implements MapFunction<Long, Long> {
    @Override
    public Long map(Long value) {
      return value;
    }
  }

  @Override
  public int taskManagers() {
    return 2;
  }

  @Override
  public int slotsPerTaskManager() {
    return 2;
  }

  @Override
  public void define(StreamExecutionEnvironment env, long records) {
    env.setParallelism(PARALLELISM);
    DataStream<Long> stream = env.fromSequence(1, records).name("op-1");
    for (int i = 2; i < OPERATORS; i++) stream = stream.map(new Identity()).name("op-" + i).disableChaining();
    stream.sinkTo(new DiscardingSink<>()).name(SINK).disableChaining();
  }

  @Override
  public long check(JobRun run, long records) {
    if (run.subtasks() != OPERATORS * PARALLELISM)
      throw new IllegalStateException("the job deployed " + run.subtasks() + " tasks, expected " + OPERATORS * PARALLELISM);
    long received = run.recordsInto(SINK);
    if (received != records)
      throw new IllegalStateException("the sink received " + received + " records, expected " + records);
    return run.subtasks();
  }
}
