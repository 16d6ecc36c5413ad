package dev.sluice.flink.windows;

import dev.sluice.flink.js.Keys;
import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/**
 * Sluice's window result record: {key, start, end, value} for a time window (Flink stamps it with the window's
 * maxTimestamp), {key, value} for a count or global window, which has no start and end.
 */
public final class WindowResult {
  private WindowResult() {}

  static String json(Object key, Window window, String value) {
    String bounds =
        window instanceof TimeWindow time ? ",\"start\":" + time.getStart() + ",\"end\":" + time.getEnd() : "";
    return "{\"key\":" + Keys.toJson(key) + bounds + ",\"value\":" + value + "}";
  }

  /** For a keyed window; it opens and closes the window's user functions (Flink gives its aggregate no open). */
  public static final class Keyed<W extends Window> extends ProcessWindowFunction<String, String, Object, W> {
    private final Lifecycle lifecycle;

    public Keyed(Lifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void open(OpenContext openContext) {
      lifecycle.open(TaskInfo.of(getRuntimeContext()));
    }

    @Override
    public void close() {
      lifecycle.close(TaskInfo.of(getRuntimeContext()));
    }

    @Override
    public void process(Object key, Context context, Iterable<String> results, Collector<String> out) {
      for (String value : results) out.collect(json(key, context.window(), value));
    }
  }

  /** For windowAll: every record under the key null. */
  public static final class All<W extends Window> extends ProcessAllWindowFunction<String, String, W> {
    private final Lifecycle lifecycle;

    public All(Lifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void open(OpenContext openContext) {
      lifecycle.open(TaskInfo.of(getRuntimeContext()));
    }

    @Override
    public void close() {
      lifecycle.close(TaskInfo.of(getRuntimeContext()));
    }

    @Override
    public void process(Context context, Iterable<String> results, Collector<String> out) {
      for (String value : results) out.collect(json(null, context.window(), value));
    }
  }
}
