package dev.sluice.flink.functions;

import dev.sluice.flink.js.TaskInfo;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** `map`: the user's function over each record. */
public final class JsMap extends RichMapFunction<String, String> {
  private final UserFunction fn;

  public JsMap(UserFunction fn) {
    this.fn = fn;
  }

  @Override
  public void open(OpenContext openContext) {
    fn.open(TaskInfo.of(getRuntimeContext()));
  }

  @Override
  public String map(String value) {
    return fn.call(value).asString();
  }
}
