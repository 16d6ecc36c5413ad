package dev.sluice.flink.sources;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The enumerator's checkpoint: the splits no reader holds yet. */
final class UnassignedSplitsSerializer implements SimpleVersionedSerializer<List<IndexSplit>> {
  private final IndexSplitSerializer splits = new IndexSplitSerializer();

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(List<IndexSplit> unassigned) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(unassigned.size());
      for (IndexSplit split : unassigned) {
        byte[] one = splits.serialize(split);
        out.writeInt(one.length);
        out.write(one);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public List<IndexSplit> deserialize(int version, byte[] serialized) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      int n = in.readInt();
      List<IndexSplit> unassigned = new ArrayList<>(n);
      for (int i = 0; i < n; i++) unassigned.add(splits.deserialize(version, in.readNBytes(in.readInt())));
      return unassigned;
    }
  }
}
