package dev.sluice.flink.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/** Reads its splits record by record, taking turns between splits as Sluice's IndexSplits does. */
final class IndexSourceReader implements SourceReader<String, IndexSplit> {
  private final IndexedRecords records;
  /** Records per second of this subtask; null: unlimited. */
  private final Double ratePerSecond;
  private final List<IndexSplit> splits = new ArrayList<>();
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private boolean noMoreSplits;
  private int current;
  private long emitted;
  private long startNanos;

  IndexSourceReader(IndexedRecords records, Double ratePerSecond) {
    this.records = records;
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  public void start() {
    startNanos = System.nanoTime();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<String> output) {
    if (splits.isEmpty()) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }
    if (ratePerSecond != null) {
      long waitNanos = nanosUntilPermit();
      if (waitNanos > 0) {
        available =
            CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS));
        return InputStatus.NOTHING_AVAILABLE;
      }
    }
    if (current >= splits.size()) current = 0;
    IndexSplit split = splits.get(current);
    long index = split.next;
    split.next += split.stride;
    if (split.isExhausted()) splits.remove(current);
    else current++;
    Long timestamp = records.timestamp(index);
    if (timestamp == null) output.collect(records.value(index));
    else output.collect(records.value(index), timestamp);
    emitted++;
    return splits.isEmpty() && noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
  }

  /** The first record at once, then one every 1/rate seconds on average. */
  private long nanosUntilPermit() {
    long due = startNanos + (long) (emitted * 1e9 / ratePerSecond);
    return due - System.nanoTime();
  }

  @Override
  public List<IndexSplit> snapshotState(long checkpointId) {
    return splits.stream().map(IndexSplit::copy).toList();
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<IndexSplit> added) {
    for (IndexSplit split : added) if (!split.isExhausted()) splits.add(split);
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {}
}
