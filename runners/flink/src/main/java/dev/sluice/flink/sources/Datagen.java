package dev.sluice.flink.sources;

import java.io.Serializable;

/**
 * The records of `source.datagen`, exactly as packages/model/src/datagen.ts defines them: record n is a pure
 * function of (seed, n), each draw murmur3's 32-bit finalizer over (seed, n, draw number). JavaScript's `^`,
 * Math.imul and `>>> 0` are 32-bit integer operations, which Java's int arithmetic is.
 */
public record Datagen(long seed, long keys, double keySkew, long maxOutOfOrdernessMs) implements Serializable {

  /** Uniform in [0, 1). */
  static double draw(long seed, long n, int drawIndex) {
    int h = (int) seed ^ ((int) n * 0x9e3779b1) ^ ((drawIndex + 1) * 0x85ebca77);
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return (h & 0xffffffffL) / 4294967296.0;
  }

  long keyIndex(long n) {
    boolean hot = draw(seed, n, 0) < keySkew;
    return hot ? 0 : (long) Math.floor(draw(seed, n, 1) * keys);
  }

  long value(long n) {
    return (long) Math.floor(draw(seed, n, 2) * 1000);
  }

  long timestamp(long n) {
    long lag = (long) Math.floor(draw(seed, n, 3) * (maxOutOfOrdernessMs + 1));
    return Math.max(0, n - lag);
  }

  /** {"key","value","timestamp"} in the order and format JSON.stringify writes them. */
  String recordJson(long n) {
    return "{\"key\":\"key-" + keyIndex(n) + "\",\"value\":" + value(n) + ",\"timestamp\":" + timestamp(n) + "}";
  }
}
