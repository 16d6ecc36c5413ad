package dev.sluice.flink.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.graalvm.polyglot.Value;

/** `process` behind a hash edge: Flink's KeyedProcessFunction, with keyed state and timers. */
public final class JsKeyedProcess extends KeyedProcessFunction<Object, String, String> {
  private final ProcessFunctions functions;
  private transient ProcessHost host;
  private transient Value process;

  public JsKeyedProcess(ProcessFunctions functions) {
    this.functions = functions;
  }

  @Override
  public void open(OpenContext openContext) {
    host = new ProcessHost(getRuntimeContext().getMapState(ProcessFunctions.STATE));
    process = functions.compile(getRuntimeContext(), host);
    process.invokeMember("open");
  }

  @Override
  public void processElement(String value, Context ctx, Collector<String> out) {
    host.current(out, ctx.timerService(), ctx::output, ctx.timestamp(), ctx.getCurrentKey());
    process.invokeMember("processElement", value);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
    host.current(out, ctx.timerService(), ctx::output, timestamp, ctx.getCurrentKey());
    process.invokeMember("onTimer", timestamp, ctx.timeDomain().name());
  }

  @Override
  public void close() {
    if (process != null) process.invokeMember("close");
  }
}
