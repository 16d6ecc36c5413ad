package dev.sluice.flink.windows;

import java.time.Duration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.ProcessingTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** A window's `params.assigner` as Flink's WindowAssigner. */
public final class WindowAssigners {
  private WindowAssigners() {}

  public static WindowAssigner<Object, TimeWindow> of(JsonNode assigner, String where) {
    boolean event = assigner.path("time").asText().equals("event");
    Duration offset = Duration.ofMillis(assigner.path("offsetMs").asLong(0));
    String type = assigner.path("type").asText();
    switch (type) {
      case "tumbling": {
        Duration size = Duration.ofMillis(assigner.path("sizeMs").asLong());
        return event ? TumblingEventTimeWindows.of(size, offset) : TumblingProcessingTimeWindows.of(size, offset);
      }
      case "sliding": {
        Duration size = Duration.ofMillis(assigner.path("sizeMs").asLong());
        Duration slide = Duration.ofMillis(assigner.path("slideMs").asLong());
        return event
            ? SlidingEventTimeWindows.of(size, slide, offset)
            : SlidingProcessingTimeWindows.of(size, slide, offset);
      }
      case "session": {
        Duration gap = Duration.ofMillis(assigner.path("gapMs").asLong());
        return event ? EventTimeSessionWindows.withGap(gap) : ProcessingTimeSessionWindows.withGap(gap);
      }
      default:
        throw new IllegalArgumentException(where + ".type: must be tumbling, sliding or session");
    }
  }
}
