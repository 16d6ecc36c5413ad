package dev.sluice.flink.sources;

import java.io.Serializable;
import java.util.List;

/** What a built-in source emits for an index: the record (JSON text) and its event timestamp, if it has one. */
public interface IndexedRecords extends Serializable {
  String value(long index);

  /** Null: the record carries no timestamp. */
  Long timestamp(long index);

  /** Subtask i's split of the job's indexes. */
  IndexSplit splitOf(int subtask, int parallelism);

  /** `source.sequence`: the numbers themselves; bounded ranges cut into contiguous splits as NumberSequenceIterator. */
  record Sequence(long from, Long to) implements IndexedRecords {
    @Override
    public String value(long index) {
      return Long.toString(index);
    }

    @Override
    public Long timestamp(long index) {
      return null;
    }

    @Override
    public IndexSplit splitOf(int subtask, int parallelism) {
      if (to == null) return new IndexSplit(subtask, from + subtask, null, parallelism);
      long total = Math.max(0, to - from + 1);
      long base = total / parallelism;
      long withOneMore = total % parallelism;
      long start = from + subtask * base + Math.min(subtask, withOneMore);
      long size = base + (subtask < withOneMore ? 1 : 0);
      return new IndexSplit(subtask, start, start + size - 1, 1);
    }
  }

  /** `source.collection` and `source.file`: element i is subtask (i % p)'s. */
  record Elements(List<String> values, List<Long> timestamps) implements IndexedRecords {
    @Override
    public String value(long index) {
      return values.get((int) index);
    }

    @Override
    public Long timestamp(long index) {
      return timestamps.get((int) index);
    }

    @Override
    public IndexSplit splitOf(int subtask, int parallelism) {
      return new IndexSplit(subtask, subtask, (long) values.size() - 1, parallelism);
    }
  }

  /** `source.datagen`: record n of the job (Datagen), subtask i emitting n = i, i + p, ... */
  record Generated(Datagen datagen, Long count) implements IndexedRecords {
    @Override
    public String value(long index) {
      return datagen.recordJson(index);
    }

    @Override
    public Long timestamp(long index) {
      return datagen.timestamp(index);
    }

    @Override
    public IndexSplit splitOf(int subtask, int parallelism) {
      return new IndexSplit(subtask, subtask, count == null ? null : count - 1, parallelism);
    }
  }
}
