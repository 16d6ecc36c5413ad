package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.TaskInfo;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** `map`: the user's function over each record. */
public final class JsMap extends RichMapFunction<String, String> {
  private final UserFunction fn;
  private final Lifecycle lifecycle;

  public JsMap(UserFunction fn, Lifecycle lifecycle) {
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
  public String map(String value) {
    return fn.call(value).asString();
  }
}
