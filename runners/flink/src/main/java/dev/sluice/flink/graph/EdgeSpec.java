package dev.sluice.flink.graph;

/** One edge of a Sluice JobGraph; `partitioner` null when the file omits it (Flink then chooses). */
public record EdgeSpec(String source, String target, String partitioner, String key, String sideOutput) {}
