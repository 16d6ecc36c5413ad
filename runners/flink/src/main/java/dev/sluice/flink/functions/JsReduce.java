package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.TaskInfo;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichReduceFunction;

/** KeyedStream.reduce with the user's `(acc, value, ctx)` or one of Sluice's sum/min/max (prelude.js). */
public final class JsReduce extends RichReduceFunction<String> {
  private final UserFunction fn;
  private final Lifecycle lifecycle;

  public JsReduce(UserFunction fn, Lifecycle lifecycle) {
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
  public String reduce(String accumulator, String value) {
    return fn.call(accumulator, value).asString();
  }
}
