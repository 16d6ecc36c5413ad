package dev.sluice.bench.flink;

import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code keyed-cross-taskmanager}: 1..n from a parallel sequence, keyBy {@code v % 1024} (a hash exchange, §3
 * Partitioners and key groups) → keyed running sum → discarding sink, parallelism 2 on 2 TaskManagers of one slot
 * each, so records of key groups on the other TaskManager cross Flink's Netty network stack.
 */
final class KeyedJob implements BaselineJob {
  private static final String KEYED = "sum";
  private static final long KEYS = 1024;

  static final class Modulo implements KeySelector<Long, Long> {
    @Override
    public Long getKey(Long value) {
      return value % KEYS;
    }
  }

  /** Flink's keyed reduce keeps the running sum in keyed ValueState, as Sluice's keyed `sum` does. */
  static final class Sum implements ReduceFunction<Long> {
    @Override
    public Long reduce(Long total, Long value) {
      return total + value;
    }
  }

  @Override
  public int taskManagers() {
    return 2;
  }

  @Override
  public int slotsPerTaskManager() {
    return 1;
  }

  @Override
  public void define(StreamExecutionEnvironment env, long records) {
    env.setParallelism(2);
    env.fromSequence(1, records)
        .name("numbers")
        .keyBy(new Modulo())
        .reduce(new Sum())
        .name(KEYED)
        .sinkTo(new DiscardingSink<>())
        .name("discard");
  }

  @Override
  public long check(JobRun run, long records) {
    return checkEveryRecordCounted(run, records);
  }

  /** Both TaskManagers ran subtasks, and every record entered the keyed operator {@value #KEYED}. */
  static long checkEveryRecordCounted(JobRun run, long records) {
    if (run.taskManagersUsed().size() != 2)
      throw new IllegalStateException("the keyed job ran on " + run.taskManagersUsed().size() + " TaskManagers");
    long received = run.recordsInto(KEYED);
    if (received != records)
      throw new IllegalStateException("the keyed sum received " + received + " records, expected " + records);
    return received;
  }
}
