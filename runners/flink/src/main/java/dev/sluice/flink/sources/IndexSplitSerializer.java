package dev.sluice.flink.sources;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Splits in checkpoints: subtask, next, end (or none), stride. */
final class IndexSplitSerializer implements SimpleVersionedSerializer<IndexSplit> {
  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(IndexSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(split.subtask());
      out.writeLong(split.next);
      out.writeBoolean(split.end != null);
      if (split.end != null) out.writeLong(split.end);
      out.writeLong(split.stride);
    }
    return bytes.toByteArray();
  }

  @Override
  public IndexSplit deserialize(int version, byte[] serialized) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      int subtask = in.readInt();
      long next = in.readLong();
      Long end = in.readBoolean() ? in.readLong() : null;
      return new IndexSplit(subtask, next, end, in.readLong());
    }
  }
}
