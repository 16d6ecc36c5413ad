package dev.sluice.flink.windows;

import java.time.Duration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.streaming.api.windowing.assigners.ProcessingTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.evictors.CountEvictor;
import org.apache.flink.streaming.api.windowing.evictors.Evictor;
import org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.PurgingTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.Window;

/**
 * A window's `params.assigner` and `params.trigger` as Flink's WindowAssigner, Trigger and Evictor. A count window
 * is what KeyedStream#countWindow builds: global windows fired by a purging count trigger, or, with a slide, by a
 * count trigger every `slide` records over the last `size` (a CountEvictor). A `trigger` replaces the assigner's.
 */
public record WindowAssigners(
    WindowAssigner<Object, Window> assigner, Trigger<Object, Window> trigger, Evictor<Object, Window> evictor) {

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static WindowAssigners of(JsonNode params, String where) {
    JsonNode assigner = params.path("assigner");
    boolean event = assigner.path("time").asText().equals("event");
    Duration offset = Duration.ofMillis(assigner.path("offsetMs").asLong(0));
    WindowAssigner chosen;
    Trigger trigger = null;
    Evictor evictor = null;
    switch (assigner.path("type").asText()) {
      case "tumbling" -> {
        Duration size = Duration.ofMillis(assigner.path("sizeMs").asLong());
        chosen = event ? TumblingEventTimeWindows.of(size, offset) : TumblingProcessingTimeWindows.of(size, offset);
      }
      case "sliding" -> {
        Duration size = Duration.ofMillis(assigner.path("sizeMs").asLong());
        Duration slide = Duration.ofMillis(assigner.path("slideMs").asLong());
        chosen =
            event
                ? SlidingEventTimeWindows.of(size, slide, offset)
                : SlidingProcessingTimeWindows.of(size, slide, offset);
      }
      case "session" -> {
        Duration gap = Duration.ofMillis(assigner.path("gapMs").asLong());
        chosen = event ? EventTimeSessionWindows.withGap(gap) : ProcessingTimeSessionWindows.withGap(gap);
      }
      case "count" -> {
        long size = assigner.path("size").asLong();
        chosen = GlobalWindows.create();
        if (assigner.hasNonNull("slide")) {
          evictor = CountEvictor.of(size);
          trigger = CountTrigger.of(assigner.get("slide").asLong());
        } else {
          trigger = PurgingTrigger.of(CountTrigger.of(size));
        }
      }
      case "global" -> chosen = GlobalWindows.create();
      default -> throw new IllegalArgumentException(
          where + ".assigner.type: must be tumbling, sliding, session, count or global");
    }
    if (params.hasNonNull("trigger")) trigger = trigger(params.get("trigger"), where + ".trigger");
    return new WindowAssigners(chosen, trigger, evictor);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Trigger trigger(JsonNode trigger, String where) {
    Trigger chosen =
        switch (trigger.path("type").asText()) {
          case "eventTime" -> EventTimeTrigger.create();
          case "processingTime" -> ProcessingTimeTrigger.create();
          case "count" -> CountTrigger.of(trigger.path("count").asLong());
          case "continuousEventTime" -> ContinuousEventTimeTrigger.of(
              Duration.ofMillis(trigger.path("intervalMs").asLong()));
          default -> throw new IllegalArgumentException(
              where + ".type: must be eventTime, processingTime, count or continuousEventTime");
        };
    return trigger.path("purging").asBoolean(false) ? PurgingTrigger.of(chosen) : chosen;
  }
}
