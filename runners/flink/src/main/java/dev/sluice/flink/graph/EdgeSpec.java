package dev.sluice.flink.graph;

/** One edge of a Sluice JobGraph; `partitioner` is resolved (forward or rebalance when the file omits it, as Flink). */
public record EdgeSpec(String source, String target, String partitioner, String key, String sideOutput) {}
