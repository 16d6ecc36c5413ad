package dev.sluice.flink.sources;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A run of record indexes next, next + stride, ... up to end (inclusive; null: unbounded), as Sluice's
 * IndexSplit: subtask i of p starts with its own split, so each index is read once in the job.
 */
public final class IndexSplit implements SourceSplit {
  private final int subtask;
  long next;
  final Long end;
  final long stride;

  public IndexSplit(int subtask, long next, Long end, long stride) {
    this.subtask = subtask;
    this.next = next;
    this.end = end;
    this.stride = stride;
  }

  public int subtask() {
    return subtask;
  }

  boolean isExhausted() {
    return end != null && next > end;
  }

  IndexSplit copy() {
    return new IndexSplit(subtask, next, end, stride);
  }

  @Override
  public String splitId() {
    return Integer.toString(subtask);
  }
}
