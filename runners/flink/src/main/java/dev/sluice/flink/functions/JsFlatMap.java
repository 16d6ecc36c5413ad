package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.TaskInfo;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.graalvm.polyglot.Value;

/** `flatMap`: every element of the array (or iterable) the user's function returns, in order. */
public final class JsFlatMap extends RichFlatMapFunction<String, String> {
  private final UserFunction fn;
  private final Lifecycle lifecycle;

  public JsFlatMap(UserFunction fn, Lifecycle lifecycle) {
    this.fn = fn;
    this.lifecycle = lifecycle;
  }

  @Override
  public void open(OpenContext openContext) {
    TaskInfo task = TaskInfo.of(getRuntimeContext());
    fn.open(task);
    lifecycle.open(task);
  }

  @Override
  public void close() {
    lifecycle.close(TaskInfo.of(getRuntimeContext()));
  }

  @Override
  public void flatMap(String value, Collector<String> out) {
    Value results = fn.call(value);
    for (long i = 0; i < results.getArraySize(); i++) out.collect(results.getArrayElement(i).asString());
  }
}
