package dev.sluice.flink.js;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * JavaScript keys as the Java values whose hashCode packages/planner's javaHashCode computes, so a key lands in
 * the same key group on both engines: string → String, int32 → Integer, other safe integer → Long, other
 * number → Double, boolean → Boolean, array → List, plain object → ObjectKey.
 */
public final class Keys {
  private static final double MAX_SAFE_INTEGER = 9007199254740991d;

  private Keys() {}

  /** From prelude.js's describeKey: null, ['v', primitive], ['a', [...]] or ['o', canonical JSON]. */
  public static Object fromDescribed(Value described) {
    if (described.isNull()) return null;
    String tag = described.getArrayElement(0).asString();
    Value value = described.getArrayElement(1);
    switch (tag) {
      case "o":
        return new ObjectKey(value.asString());
      case "a": {
        List<Object> list = new ArrayList<>((int) value.getArraySize());
        for (long i = 0; i < value.getArraySize(); i++) list.add(fromDescribed(value.getArrayElement(i)));
        return list;
      }
      default:
        return primitive(value);
    }
  }

  private static Object primitive(Value value) {
    if (value.isString()) return value.asString();
    if (value.isBoolean()) return value.asBoolean();
    if (value.isNumber()) {
      double d = value.asDouble();
      if (d == 0) return 0; // -0 too: Number.isInteger(-0) holds and -0 | 0 is 0
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) return (int) d;
      if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) return (long) d;
      return d;
    }
    throw new IllegalArgumentException(
        "a key of this type has no hashCode: key selectors must return a string, number, boolean, null, array or"
            + " plain object");
  }

  /** The key as JSON text (window results carry it). */
  public static String toJson(Object key) {
    if (key == null) return "null";
    if (key instanceof ObjectKey object) return object.canonicalJson();
    if (key instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) out.append(i == 0 ? "" : ",").append(toJson(list.get(i)));
      return out.append(']').toString();
    }
    if (key instanceof Integer || key instanceof Long || key instanceof Boolean) return key.toString();
    return JsRuntime.current().helper("stringify").execute(key).asString();
  }
}
