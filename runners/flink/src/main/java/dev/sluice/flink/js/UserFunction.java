package dev.sluice.flink.js;

import java.io.Serializable;
import org.graalvm.polyglot.Value;

/**
 * A JavaScript function from the JobGraph, wrapped by one of prelude.js's adapters (map, filter, key...) that
 * take and give JSON text. Compiled lazily on the thread that calls it, since a task's polyglot Context belongs to
 * its thread; a copy of the function is deserialized per subtask, so each is called from one thread only.
 */
public final class UserFunction implements Serializable {
  private final String source;
  private final String adapter;
  private final String where;
  private final String operatorId;
  private final int maxParallelism;
  /** For a builtin (source == null): the arguments of its prelude adapter. */
  private final String[] builtinArgs;
  private transient Value compiled;

  /**
   * `adapter` names the prelude helper; `where` names the function in errors, e.g. `operator "m" params.fn`; the
   * function's ctx is `operatorId`'s.
   */
  public UserFunction(String source, String adapter, String where, String operatorId, int maxParallelism) {
    this.source = source;
    this.adapter = adapter;
    this.where = where;
    this.operatorId = operatorId;
    this.maxParallelism = maxParallelism;
    this.builtinArgs = null;
  }

  private UserFunction(String adapter, int maxParallelism, String[] builtinArgs) {
    this.source = null;
    this.adapter = adapter;
    this.where = adapter;
    this.operatorId = null;
    this.maxParallelism = maxParallelism;
    this.builtinArgs = builtinArgs;
  }

  /** One of Sluice's built-in functions, made by the prelude helper `adapter` from `args`. */
  public static UserFunction builtin(String adapter, int maxParallelism, String... args) {
    return new UserFunction(adapter, maxParallelism, args);
  }

  /** Compiles with the ctx of a rich function's RuntimeContext. */
  public void open(TaskInfo task) {
    JsRuntime js = JsRuntime.current();
    compiled =
        source == null
            ? js.helper(adapter).execute((Object[]) builtinArgs)
            : js.helper(adapter).execute(js.compile(source, where), js.ctx(operatorId, task));
  }

  public Value call(Object... args) {
    if (compiled == null) open(TaskInfo.ofTaskThread(maxParallelism));
    return compiled.execute(args);
  }
}
