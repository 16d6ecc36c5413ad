package dev.sluice.bench.flink;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code chained}: 1..n → map (x·2) → filter (not a multiple of 3) → running sum → sink, all at parallelism 1 with
 * forward edges, so Flink chains them into one task (§1 Operator chaining), as the Sluice side's single StreamTask.
 */
final class ChainedJob implements BaselineJob {
  private static final String TOTAL = "total";

  static final class Double implements MapFunction<Long, Long> {
    @Override
    public Long map(Long x) {
      return x * 2;
    }
  }

  static final class NotMultipleOfThree implements FilterFunction<Long> {
    @Override
    public boolean filter(Long x) {
      return x % 3 != 0;
    }
  }

  /** The running total in a field, as the Sluice job keeps it on its function; reported once, at the end. */
  static final class RunningSum extends RichMapFunction<Long, Long> {
    private final LongCounter finalTotal = new LongCounter();
    private long total;

    @Override
    public void open(OpenContext openContext) {
      getRuntimeContext().addAccumulator(TOTAL, finalTotal);
    }

    @Override
    public Long map(Long x) {
      total += x;
      return total;
    }

    @Override
    public void close() {
      finalTotal.add(total);
    }
  }

  @Override
  public int taskManagers() {
    return 1;
  }

  @Override
  public int slotsPerTaskManager() {
    return 1;
  }

  @Override
  public void define(StreamExecutionEnvironment env, long records) {
    env.setParallelism(1);
    env.fromSequence(1, records)
        .name("numbers")
        .map(new Double())
        .name("double")
        .filter(new NotMultipleOfThree())
        .name("not-multiple-of-3")
        .map(new RunningSum())
        .name("sum")
        .sinkTo(new DiscardingSink<>())
        .name("total");
  }

  /** 2·(1 + … + n) less the multiples of 3 among 2, 4, …, 2n, i.e. 6·(1 + … + ⌊n/3⌋); as bench/src/chained/pipeline.ts. */
  static long expectedSum(long n) {
    long thirds = n / 3;
    return n * (n + 1) - 3 * thirds * (thirds + 1);
  }

  @Override
  public long check(JobRun run, long records) {
    if (run.graph().getAllVertices().size() != 1)
      throw new IllegalStateException("the chained job planned to " + run.graph().getAllVertices().size() + " vertices");
    long total = run.result().<Long>getAccumulatorResult(TOTAL);
    if (total != expectedSum(records))
      throw new IllegalStateException("summed 1.." + records + " to " + total + ", expected " + expectedSum(records));
    return total;
  }
}
