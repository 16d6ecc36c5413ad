package dev.sluice.flink.graph;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/** One ObjectMapper for the runner (Flink's own shaded Jackson, so the jar brings none). */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
