package dev.sluice.flink.windows;

import dev.sluice.flink.js.JsRuntime;
import dev.sluice.flink.js.TaskInfo;
import java.io.Serializable;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.graalvm.polyglot.Value;

/**
 * A window's aggregate as Flink's AggregateFunction, computed by Sluice's own window-aggregates semantics in
 * prelude.js: accumulators are JSON text, null the empty one. Flink gives a window's AggregateFunction no
 * RuntimeContext, so a `reduce` fn's ctx comes from the task thread.
 */
public final class JsWindowAggregate implements AggregateFunction<String, String, String> {
  /** Either a builtin aggregate's params ({"sum": "field"} ...) or a user `reduce` fn. */
  public record Definition(String operatorId, String aggregateJson, String reduceSource, String where)
      implements Serializable {}

  private final Definition definition;
  private final int maxParallelism;
  private transient Value aggregate;

  public JsWindowAggregate(Definition definition, int maxParallelism) {
    this.definition = definition;
    this.maxParallelism = maxParallelism;
  }

  private Value aggregate() {
    if (aggregate == null) {
      JsRuntime js = JsRuntime.current();
      Value inner =
          definition.aggregateJson() != null
              ? js.helper("builtinAggregate").execute(definition.aggregateJson())
              : js.helper("reduceAggregate")
                  .execute(
                      js.compile(definition.reduceSource(), definition.where()),
                      js.ctx(definition.operatorId(), TaskInfo.ofTaskThread(maxParallelism)));
      aggregate = js.helper("windowAggregate").execute(inner);
    }
    return aggregate;
  }

  @Override
  public String createAccumulator() {
    return null;
  }

  @Override
  public String add(String value, String accumulator) {
    return aggregate().invokeMember("add", accumulator, value).asString();
  }

  @Override
  public String getResult(String accumulator) {
    return aggregate().invokeMember("result", accumulator).asString();
  }

  @Override
  public String merge(String a, String b) {
    Value merged = aggregate().invokeMember("merge", a, b);
    return merged.isNull() ? null : merged.asString();
  }
}
