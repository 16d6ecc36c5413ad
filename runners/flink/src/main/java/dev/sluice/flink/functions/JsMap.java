package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.MapFunction;

/** `map`: the user's function over each record. */
public final class JsMap extends JsRichFunction implements MapFunction<String, String> {
  public JsMap(UserFunction fn, Lifecycle lifecycle) {
    super(fn, lifecycle);
  }

  @Override
  public String map(String value) {
    return fn.call(value).asString();
  }
}
