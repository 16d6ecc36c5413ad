package dev.sluice.flink.functions;

import dev.sluice.flink.js.JsRuntime;
import dev.sluice.flink.js.TaskInfo;
import java.io.Serializable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.graalvm.polyglot.Value;

/** A `process` operator's JavaScript (fn, onTimer?, open?, close?), compiled into prelude.js's processFunction. */
public record ProcessFunctions(String operatorId, String fn, String onTimer, String open, String close)
    implements Serializable {

  /** A process function's keyed state: one map per key, "<kind>:<name>" → JSON text. */
  static final MapStateDescriptor<String, String> STATE =
      new MapStateDescriptor<>("sluice-process-state", Types.STRING, Types.STRING);

  Value compile(RuntimeContext context, ProcessHost host) {
    JsRuntime js = JsRuntime.current();
    Value fns = js.object();
    fns.putMember("fn", js.compile(fn, where("fn")));
    if (onTimer != null) fns.putMember("onTimer", js.compile(onTimer, where("onTimer")));
    if (open != null) fns.putMember("open", js.compile(open, where("open")));
    if (close != null) fns.putMember("close", js.compile(close, where("close")));
    return js.helper("processFunction").execute(fns, js.ctx(operatorId, TaskInfo.of(context)), host);
  }

  private String where(String param) {
    return "operator \"" + operatorId + "\" params." + param;
  }
}
