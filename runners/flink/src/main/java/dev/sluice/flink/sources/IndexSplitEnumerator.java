package dev.sluice.flink.sources;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands subtask i its own split when its reader registers (Flink's enumerators hand splits to whoever asks first;
 * a fixed owner makes runs reproducible, as in Sluice). A split given back after a failure goes to the same
 * subtask again.
 */
final class IndexSplitEnumerator implements SplitEnumerator<IndexSplit, List<IndexSplit>> {
  private final SplitEnumeratorContext<IndexSplit> context;
  private final List<IndexSplit> unassigned;

  IndexSplitEnumerator(SplitEnumeratorContext<IndexSplit> context, List<IndexSplit> unassigned) {
    this.context = context;
    this.unassigned = new ArrayList<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {}

  @Override
  public void addSplitsBack(List<IndexSplit> splits, int subtaskId) {
    unassigned.addAll(splits);
  }

  @Override
  public void addReader(int subtaskId) {
    List<IndexSplit> mine = new ArrayList<>();
    unassigned.removeIf(split -> split.subtask() == subtaskId && mine.add(split));
    for (IndexSplit split : mine) context.assignSplit(split, subtaskId);
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public List<IndexSplit> snapshotState(long checkpointId) {
    return unassigned.stream().map(IndexSplit::copy).toList();
  }

  @Override
  public void close() {}
}
