package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.graalvm.polyglot.Value;

/** `flatMap`: every element of the array (or iterable) the user's function returns, in order. */
public final class JsFlatMap extends JsRichFunction implements FlatMapFunction<String, String> {
  public JsFlatMap(UserFunction fn, Lifecycle lifecycle) {
    super(fn, lifecycle);
  }

  @Override
  public void flatMap(String value, Collector<String> out) {
    Value results = fn.call(value);
    for (long i = 0; i < results.getArraySize(); i++) out.collect(results.getArrayElement(i).asString());
  }
}
