package dev.sluice.flink.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.graalvm.polyglot.Value;

/** `process` on a non-keyed stream: Flink's ProcessFunction; timers and keyed state fail with Flink's messages. */
public final class JsProcess extends ProcessFunction<String, String> {
  private final ProcessFunctions functions;
  private transient ProcessHost host;
  private transient Value process;

  public JsProcess(ProcessFunctions functions) {
    this.functions = functions;
  }

  @Override
  public void open(OpenContext openContext) {
    host = new ProcessHost(null);
    process = functions.compile(getRuntimeContext(), host);
    process.invokeMember("open");
  }

  @Override
  public void processElement(String value, Context ctx, Collector<String> out) {
    host.current(out, ctx.timerService(), ctx::output, ctx.timestamp(), null);
    process.invokeMember("processElement", value);
  }

  @Override
  public void close() {
    if (process != null) process.invokeMember("close");
  }
}
