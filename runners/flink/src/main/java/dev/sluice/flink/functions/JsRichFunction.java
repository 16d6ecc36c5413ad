package dev.sluice.flink.functions;

import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.TaskInfo;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.common.functions.AbstractRichFunction;
import org.apache.flink.api.common.functions.OpenContext;

/**
 * A user's JavaScript function as a Flink rich function: compiled for the task when it opens, with the operator's
 * own open and close around it. Map, filter, flatMap and reduce add only how they call it.
 */
abstract class JsRichFunction extends AbstractRichFunction {
  protected final UserFunction fn;
  private final Lifecycle lifecycle;

  JsRichFunction(UserFunction fn, Lifecycle lifecycle) {
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
}
