package dev.sluice.flink.functions;

import dev.sluice.flink.js.Keys;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.graalvm.polyglot.HostAccess;

/**
 * What a process function's JavaScript ctx and out reach in Flink (prelude.js processFunction): the element or
 * timer being processed, its collector and side outputs, the TimerService, and keyed state as JSON text.
 */
public final class ProcessHost {
  /** Sluice's MIN_TIMESTAMP (Number.MIN_SAFE_INTEGER) for Flink's Long.MIN_VALUE: what JavaScript numbers can hold. */
  private static final long MIN_SAFE_INTEGER = -9007199254740991L;

  /** Flink's message for keyed state on a non-keyed stream, as Sluice gives it. */
  private static final String KEYED_STATE_UNSUPPORTED =
      "Keyed state can only be used on a 'keyed stream', i.e., after a 'keyBy()' operation.";

  /** Sets a side output's record; Flink's ProcessFunction.Context#output. */
  interface SideOutput {
    void output(OutputTag<String> tag, String value);
  }

  private final MapState<String, String> state;
  private Collector<String> out;
  private TimerService timers;
  private SideOutput sideOutput;
  private Long timestamp;
  private Object key;

  /** `state` null: a ProcessFunction on a non-keyed stream. */
  ProcessHost(MapState<String, String> state) {
    this.state = state;
  }

  /** Called before every element and timer: what the JavaScript side acts on. */
  void current(Collector<String> out, TimerService timers, SideOutput sideOutput, Long timestamp, Object key) {
    this.out = out;
    this.timers = timers;
    this.sideOutput = sideOutput;
    this.timestamp = timestamp;
    this.key = key;
  }

  @HostAccess.Export
  public void collect(String json) {
    out.collect(json);
  }

  @HostAccess.Export
  public void output(String tag, String json) {
    sideOutput.output(new OutputTag<>(tag, Types.STRING), json);
  }

  @HostAccess.Export
  public Long timestamp() {
    return timestamp;
  }

  @HostAccess.Export
  public String currentKey() {
    if (state == null)
      throw new UnsupportedOperationException(
          "ctx.getCurrentKey() needs a keyed stream: a hash edge with a key into the process function");
    return Keys.toJson(key);
  }

  @HostAccess.Export
  public long currentWatermark() {
    long watermark = timers.currentWatermark();
    return watermark == Long.MIN_VALUE ? MIN_SAFE_INTEGER : watermark;
  }

  @HostAccess.Export
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @HostAccess.Export
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(time);
  }

  @HostAccess.Export
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(time);
  }

  @HostAccess.Export
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(time);
  }

  @HostAccess.Export
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(time);
  }

  @HostAccess.Export
  public void checkKeyedState() {
    if (state == null) throw new UnsupportedOperationException(KEYED_STATE_UNSUPPORTED);
  }

  @HostAccess.Export
  public String getState(String entry) throws Exception {
    checkKeyedState();
    return state.get(entry);
  }

  @HostAccess.Export
  public void putState(String entry, String json) throws Exception {
    checkKeyedState();
    state.put(entry, json);
  }

  @HostAccess.Export
  public void removeState(String entry) throws Exception {
    checkKeyedState();
    state.remove(entry);
  }
}
