package dev.sluice.flink.js;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * GraalJS for user functions. A polyglot Context may be used by one thread at a time, and every Flink task runs
 * on a thread of its own, so each task thread gets one Context that all operators of its chain share; the
 * Engine (parsed code) is shared by the whole JVM.
 */
public final class JsRuntime {
  private static final Engine ENGINE =
      Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
  private static final Source PRELUDE = preludeSource();
  private static final ThreadLocal<JsRuntime> CURRENT = ThreadLocal.withInitial(JsRuntime::new);

  private final Context context;
  private final Value prelude;
  /** Each operator instance's ctx, shared by its functions, open and close (one instance per operator per thread). */
  private final Map<String, Value> contexts = new HashMap<>();

  private JsRuntime() {
    context =
        Context.newBuilder("js")
            .engine(ENGINE)
            .option("js.ecmascript-version", "2023")
            .build();
    prelude = context.eval(PRELUDE);
  }

  /** The runtime of the calling thread. */
  public static JsRuntime current() {
    return CURRENT.get();
  }

  /** The prelude's helper `name` (see prelude.js). */
  public Value helper(String name) {
    return prelude.getMember(name);
  }

  /** Compiles a user function's source; `where` names it in the error, e.g. `operator "m" params.fn`. */
  public Value compile(String source, String where) {
    Value fn;
    try {
      fn = context.eval("js", "\"use strict\"; (" + source + ")");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + " does not compile: " + e.getMessage(), e);
    }
    if (!fn.canExecute()) throw new IllegalArgumentException(where + " is not a function");
    return fn;
  }

  /** An empty JavaScript object. */
  public Value object() {
    return context.eval("js", "({})");
  }

  /**
   * The `ctx` of an operator instance's functions: Sluice's RuntimeContext and `local`, the instance's own object,
   * the same for all its functions (a task thread runs one instance of each of its chain's operators).
   */
  public Value ctx(String operatorId, TaskInfo task) {
    return contexts.computeIfAbsent(operatorId, id -> newCtx(task));
  }

  private Value newCtx(TaskInfo task) {
    Value ctx = object();
    ctx.putMember("local", object());
    ctx.putMember("subtaskIndex", task.subtaskIndex());
    ctx.putMember("parallelism", task.parallelism());
    ctx.putMember("maxParallelism", task.maxParallelism());
    ctx.putMember("attemptNumber", task.attemptNumber());
    ctx.putMember("taskName", task.taskName());
    return ctx;
  }

  private static Source preludeSource() {
    try (InputStream in = JsRuntime.class.getResourceAsStream("prelude.js")) {
      if (in == null) throw new IllegalStateException("prelude.js is missing from the runner's jar");
      return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "prelude.js")
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
