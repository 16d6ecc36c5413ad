package dev.sluice.flink.js;

import java.io.Serializable;

/**
 * A plain-object key. Java has no equivalent, so Sluice's rule holds here too: equal when their canonical JSON
 * (keys sorted at every level) is equal, hashCode = String.hashCode of it.
 */
public final class ObjectKey implements Serializable {
  private String canonicalJson;

  /** For Kryo, which builds keys field by field. */
  ObjectKey() {}

  public ObjectKey(String canonicalJson) {
    this.canonicalJson = canonicalJson;
  }

  public String canonicalJson() {
    return canonicalJson;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectKey key && key.canonicalJson.equals(canonicalJson);
  }

  @Override
  public int hashCode() {
    return canonicalJson.hashCode();
  }

  @Override
  public String toString() {
    return canonicalJson;
  }
}
