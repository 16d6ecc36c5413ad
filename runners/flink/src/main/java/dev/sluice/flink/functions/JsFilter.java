package dev.sluice.flink.functions;

import dev.sluice.flink.js.TaskInfo;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/** `filter`: keeps the records the user's function finds truthy. */
public final class JsFilter extends RichFilterFunction<String> {
  private final UserFunction fn;

  public JsFilter(UserFunction fn) {
    this.fn = fn;
  }

  @Override
  public void open(OpenContext openContext) {
    fn.open(TaskInfo.of(getRuntimeContext()));
  }

  @Override
  public boolean filter(String value) {
    return fn.call(value).asBoolean();
  }
}
