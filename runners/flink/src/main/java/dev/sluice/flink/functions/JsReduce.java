package dev.sluice.flink.functions;

import dev.sluice.flink.js.TaskInfo;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichReduceFunction;

/** KeyedStream.reduce with the user's `(acc, value, ctx)` or one of Sluice's sum/min/max (prelude.js). */
public final class JsReduce extends RichReduceFunction<String> {
  private final UserFunction fn;

  public JsReduce(UserFunction fn) {
    this.fn = fn;
  }

  @Override
  public void open(OpenContext openContext) {
    fn.open(TaskInfo.of(getRuntimeContext()));
  }

  @Override
  public String reduce(String accumulator, String value) {
    return fn.call(accumulator, value).asString();
  }
}
