package dev.sluice.flink.functions;

import dev.sluice.flink.js.Keys;
import dev.sluice.flink.js.UserFunction;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * The key selector of a hash edge. Flink calls it in the sending task (to route) and in the keyed operator (to
 * scope state), each on its own copy, so it compiles lazily on the calling thread. A null key fails the job
 * where Flink's KeyGroupRangeAssignment finds it ("Assigned key must not be null!").
 */
public final class JsKeySelector implements KeySelector<String, Object> {
  private final UserFunction fn;

  public JsKeySelector(UserFunction fn) {
    this.fn = fn;
  }

  @Override
  public Object getKey(String value) {
    return Keys.fromDescribed(fn.call(value));
  }
}
