package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.FilterFunction;

/** `filter`: keeps the records the user's function finds truthy. */
public final class JsFilter extends JsRichFunction implements FilterFunction<String> {
  public JsFilter(UserFunction fn, Lifecycle lifecycle) {
    super(fn, lifecycle);
  }

  @Override
  public boolean filter(String value) {
    return fn.call(value).asBoolean();
  }
}
