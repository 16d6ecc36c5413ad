package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.ReduceFunction;

/** KeyedStream.reduce with the user's `(acc, value, ctx)` or one of Sluice's sum/min/max (prelude.js). */
public final class JsReduce extends JsRichFunction implements ReduceFunction<String> {
  public JsReduce(UserFunction fn, Lifecycle lifecycle) {
    super(fn, lifecycle);
  }

  @Override
  public String reduce(String accumulator, String value) {
    return fn.call(accumulator, value).asString();
  }
}
