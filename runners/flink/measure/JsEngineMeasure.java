// Compares the JavaScript engines considered for user functions (README "JavaScript engine"): does each compile
// every function of the built-in examples, and how fast does it run a map and the wordcount tokenizer the way the
// runner calls them (JSON text in, JSON text out). Run with the runner's classpath plus a Rhino jar:
//   CP=$(cat ../target/classpath.txt):$HOME/.m2/repository/org/mozilla/rhino/1.8.1/rhino-1.8.1.jar
//   java -cp "$CP" JsEngineMeasure.java
import java.util.List;
import org.graalvm.polyglot.Value;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;

public class JsEngineMeasure {
  /** Every distinct function of packages/model/src/examples. */
  static final List<String> EXAMPLE_FUNCTIONS =
      List.of(
          "(line, ctx) => line.split(' ').filter((word) => word !== '').map((word) => ({ word, count: 1 }))",
          "(n, ctx) => ({ source: 'fast', n })",
          "(n, ctx) => n % 2 === 0",
          "(n, ctx) => n * n",
          "(r, ctx) => ({ ...r, doubled: r.value * 2 })",
          "(v, ctx) => v <= 15",
          "(value, ctx) => value * 2",
          "(n, ctx) => ({ key: 'k' + (n % 4), value: n })",
          "v => 'all'",
          "r => r.key",
          "(r, previous) => r.n * 50",
          "(v, previous) => v * 100");

  static final String MAP = "(text) => JSON.stringify(((value, ctx) => value * 2)(JSON.parse(text)))";
  static final String WORDCOUNT =
      "(text) => ((line, ctx) => line.split(' ').filter((word) => word !== '').map((word) => ({ word, count: 1 })))"
          + "(JSON.parse(text)).map((r) => JSON.stringify(r))";
  static final int N = 1_000_000;

  public static void main(String[] args) {
    rhino();
    graal();
  }

  static void rhino() {
    Context cx = Context.enter();
    cx.setLanguageVersion(Context.VERSION_ES6);
    Scriptable scope = cx.initStandardObjects();
    for (String fn : EXAMPLE_FUNCTIONS) {
      try {
        cx.evaluateString(scope, "(" + fn + ")", "fn", 1, null);
      } catch (RuntimeException e) {
        System.out.println("rhino does not compile " + fn + ": " + e.getMessage());
      }
    }
    Function map = (Function) cx.evaluateString(scope, MAP, "map", 1, null);
    Function words = (Function) cx.evaluateString(scope, WORDCOUNT, "wordcount", 1, null);
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < N; i++) map.call(cx, scope, scope, new Object[] {Integer.toString(i)});
      long t1 = System.nanoTime();
      for (int i = 0; i < N / 10; i++) words.call(cx, scope, scope, new Object[] {"\"to be or not to be\""});
      long t2 = System.nanoTime();
      report("rhino", round, t0, t1, t2);
    }
    Context.exit();
  }

  static void graal() {
    try (var cx =
        org.graalvm.polyglot.Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
      for (String fn : EXAMPLE_FUNCTIONS) {
        try {
          cx.eval("js", "(" + fn + ")");
        } catch (RuntimeException e) {
          System.out.println("graaljs does not compile " + fn + ": " + e.getMessage());
        }
      }
      Value map = cx.eval("js", MAP);
      Value words = cx.eval("js", WORDCOUNT);
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < N; i++) map.execute(Integer.toString(i));
        long t1 = System.nanoTime();
        for (int i = 0; i < N / 10; i++) words.execute("\"to be or not to be\"");
        long t2 = System.nanoTime();
        report("graaljs", round, t0, t1, t2);
      }
    }
  }

  static void report(String engine, int round, long t0, long t1, long t2) {
    System.out.printf(
        "%s round %d: map %.0f k records/s, wordcount tokenizer %.0f k lines/s%n",
        engine, round, N / ((t1 - t0) / 1e6), (N / 10) / ((t2 - t1) / 1e6));
  }
}
