package dev.sluice.flink.sources;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Sluice's built-in sources on Flink's Source API: indexed records, one split per subtask, an optional rate. */
public final class IndexSource implements Source<String, IndexSplit, List<IndexSplit>> {
  private final IndexedRecords records;
  private final int parallelism;
  private final boolean bounded;
  /** Records per second of the whole source; null: as fast as it can. */
  private final Double ratePerSecond;

  public IndexSource(IndexedRecords records, int parallelism, boolean bounded, Double ratePerSecond) {
    this.records = records;
    this.parallelism = parallelism;
    this.bounded = bounded;
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  public Boundedness getBoundedness() {
    return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<IndexSplit, List<IndexSplit>> createEnumerator(SplitEnumeratorContext<IndexSplit> context) {
    List<IndexSplit> splits = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      IndexSplit split = records.splitOf(i, parallelism);
      if (!split.isExhausted()) splits.add(split);
    }
    return new IndexSplitEnumerator(context, splits);
  }

  @Override
  public SplitEnumerator<IndexSplit, List<IndexSplit>> restoreEnumerator(
      SplitEnumeratorContext<IndexSplit> context, List<IndexSplit> checkpoint) {
    return new IndexSplitEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<IndexSplit> getSplitSerializer() {
    return new IndexSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<List<IndexSplit>> getEnumeratorCheckpointSerializer() {
    return new UnassignedSplitsSerializer();
  }

  @Override
  public SourceReader<String, IndexSplit> createReader(SourceReaderContext context) {
    Double perSubtask = ratePerSecond == null ? null : ratePerSecond / parallelism;
    return new IndexSourceReader(records, perSubtask);
  }
}
