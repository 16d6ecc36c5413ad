package dev.sluice.flink.windows;

import dev.sluice.flink.js.Keys;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Sluice's window result record {key, start, end, value}; Flink stamps it with the window's maxTimestamp. */
public final class WindowResult {
  private WindowResult() {}

  static String json(Object key, TimeWindow window, String value) {
    return "{\"key\":" + Keys.toJson(key) + ",\"start\":" + window.getStart() + ",\"end\":" + window.getEnd()
        + ",\"value\":" + value + "}";
  }

  /** For a keyed window. */
  public static final class Keyed extends ProcessWindowFunction<String, String, Object, TimeWindow> {
    @Override
    public void process(Object key, Context context, Iterable<String> results, Collector<String> out) {
      for (String value : results) out.collect(json(key, context.window(), value));
    }
  }

  /** For windowAll: every record under the key null. */
  public static final class All extends ProcessAllWindowFunction<String, String, TimeWindow> {
    @Override
    public void process(Context context, Iterable<String> results, Collector<String> out) {
      for (String value : results) out.collect(json(null, context.window(), value));
    }
  }
}
