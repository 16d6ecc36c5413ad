package dev.sluice.flink.translate;

import dev.sluice.flink.functions.JsFilter;
import dev.sluice.flink.functions.JsFlatMap;
import dev.sluice.flink.functions.JsKeySelector;
import dev.sluice.flink.functions.JsKeyedProcess;
import dev.sluice.flink.functions.JsProcess;
import dev.sluice.flink.functions.JsMap;
import dev.sluice.flink.functions.JsReduce;
import dev.sluice.flink.functions.ProcessFunctions;
import dev.sluice.flink.graph.EdgeSpec;
import dev.sluice.flink.graph.JobSpec;
import dev.sluice.flink.graph.OperatorSpec;
import dev.sluice.flink.js.Lifecycle;
import dev.sluice.flink.js.UserFunction;
import dev.sluice.flink.sinks.PartFileSink;
import dev.sluice.flink.sinks.PrintSink;
import dev.sluice.flink.sources.IndexSource;
import dev.sluice.flink.time.WatermarkStrategies;
import dev.sluice.flink.windows.JsWindowAggregate;
import dev.sluice.flink.windows.WindowAssigners;
import dev.sluice.flink.windows.WindowResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.transformations.PhysicalTransformation;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.AllWindowedStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.OutputTag;

/**
 * Builds the DataStream job of a Sluice JobGraph. Every Flink operator takes the Sluice operator's id as uid and
 * name, its parallelism, max parallelism, chaining and slot sharing group. Records are JSON text (as JavaScript
 * writes it), so values cross Flink's network exactly as Sluice's functions made them.
 *
 * A union has no operator of its own in Flink (it is virtual): its inputs, each through its own edge's
 * partitioner, feed its consumers directly, and a partitioner on the union's output edge overrides theirs. An edge
 * without a partitioner gets Flink's default between the real producer and consumer (forward at equal
 * parallelism, else rebalance).
 */
public final class JobTranslator {
  private static final OutputTag<String> LATE = new OutputTag<>("late", Types.STRING);

  private final JobSpec job;
  private final StreamExecutionEnvironment env;
  private final Map<String, DataStream<String>> outputs = new HashMap<>();
  /** Operators with side outputs (windows: "late"; process functions: any tag). */
  private final Map<String, SingleOutputStreamOperator<String>> sideOutputs = new HashMap<>();
  private final Path collectRoot;
  private final Map<String, Path> collectSinks = new LinkedHashMap<>();

  private JobTranslator(JobSpec job, StreamExecutionEnvironment env, Path collectRoot) {
    this.job = job;
    this.env = env;
    this.collectRoot = collectRoot;
  }

  /**
   * Adds the job to `env`; returns each collect sink's folder (under `collectRoot`), by sink id, in the JobGraph's
   * order.
   */
  public static Map<String, Path> translate(
      JobSpec job, StreamExecutionEnvironment env, Path collectRoot) throws IOException {
    JobTranslator translator = new JobTranslator(job, env, collectRoot);
    if (job.config().has("bufferTimeoutMs")) env.setBufferTimeout(job.config().get("bufferTimeoutMs").asLong());
    for (OperatorSpec op : topologicalOrder(job)) translator.add(op);
    return translator.collectSinks;
  }

  private void add(OperatorSpec op) throws IOException {
    List<EdgeSpec> inputs = job.inputsOf(op.id());
    if (op.kind().startsWith("source.")) {
      outputs.put(op.id(), configure(source(op), op));
      return;
    }
    if (inputs.isEmpty()) throw new IllegalArgumentException(op.path() + ": " + op.kind() + " needs an input edge");
    List<DataStream<String>> streams = new ArrayList<>();
    for (EdgeSpec edge : inputs) streams.add(input(edge));
    DataStream<String> input = union(streams);
    if (op.kind().equals("union")) {
      outputs.put(op.id(), input);
      return;
    }
    // Several edges into one operator are a union input gate; when every one is a hash edge (a keyed operator's
    // inputs, one key selector) the union is keyed by it. Otherwise each edge keeps its own partitioner, as Flink's
    // a.keyBy(k).union(b) does.
    if (streams.size() > 1 && inputs.stream().allMatch(edge -> "hash".equals(edge.partitioner())))
      input = input.keyBy(keySelector(inputs.get(0)), Types.GENERIC(Object.class));
    switch (op.kind()) {
      case "map" -> outputs.put(op.id(), configure(input.map(new JsMap(fn(op, "map"), lifecycle(op))), op));
      case "filter" -> outputs.put(op.id(), configure(input.filter(new JsFilter(fn(op, "filter"), lifecycle(op))), op));
      case "flatMap" -> outputs.put(
          op.id(),
          configure(input.flatMap(new JsFlatMap(fn(op, "flatMap"), lifecycle(op))).returns(Types.STRING), op));
      case "reduce" -> outputs.put(
          op.id(), configure(keyed(input, op).reduce(new JsReduce(fn(op, "reduce"), lifecycle(op))), op));
      case "sum", "min", "max" -> outputs.put(op.id(), configure(keyed(input, op).reduce(fieldAggregation(op)), op));
      case "watermarks" -> outputs.put(
          op.id(),
          configure(
              input.assignTimestampsAndWatermarks(
                  WatermarkStrategies.of(
                      op.params(), op.path() + ".params", op.id(), maxParallelism(op), lifecycle(op))),
              op));
      case "window" -> outputs.put(op.id(), window(input, op));
      case "process" -> outputs.put(op.id(), process(input, op));
      case "sink.collect" -> collect(input, op);
      case "sink.print" -> configure(input.sinkTo(new PrintSink()), op);
      case "sink.discard" -> configure(input.sinkTo(new DiscardingSink<>()), op);
      case "sink.file" -> configure(input.sinkTo(fileSink(op.text("path"))), op);
      default -> throw new IllegalArgumentException(op.path() + ".kind: " + op.kind() + " does not run on Flink");
    }
  }

  private SingleOutputStreamOperator<String> source(OperatorSpec op) throws IOException {
    boolean bounded =
        switch (op.kind()) {
          case "source.sequence" -> op.optionalLong("to") != null;
          case "source.datagen" -> op.optionalLong("count") != null;
          default -> true;
        };
    Double rate = op.params().has("ratePerSecond") ? op.params().get("ratePerSecond").asDouble() : null;
    IndexSource source = new IndexSource(SourceRecords.of(op), op.parallelism(), bounded, rate);
    WatermarkStrategy<String> watermarks =
        op.params().has("watermarks")
            ? WatermarkStrategies.of(
                op.params().get("watermarks"),
                op.path() + ".params.watermarks",
                op.id(),
                maxParallelism(op),
                new Lifecycle(null, null))
            : WatermarkStrategy.noWatermarks();
    return env.fromSource(source, watermarks, op.id(), Types.STRING);
  }

  /** The stream an edge delivers: its source's output (or late side output) through the edge's partitioner. */
  private DataStream<String> input(EdgeSpec edge) {
    DataStream<String> stream;
    if (edge.sideOutput() != null) {
      SingleOutputStreamOperator<String> producer = sideOutputs.get(edge.source());
      if (producer == null)
        throw new IllegalArgumentException(
            edgeName(edge) + ": only a window or a process function has side outputs");
      stream = producer.getSideOutput(new OutputTag<>(edge.sideOutput(), Types.STRING));
    } else {
      stream = outputs.get(edge.source());
      if (stream == null)
        throw new IllegalArgumentException(edgeName(edge) + ": " + edge.source() + " has no output");
    }
    if (edge.partitioner() == null) return stream;
    return switch (edge.partitioner()) {
      case "forward" -> stream.forward();
      case "rebalance" -> stream.rebalance();
      case "rescale" -> stream.rescale();
      case "shuffle" -> stream.shuffle();
      case "broadcast" -> stream.broadcast();
      case "hash" -> stream.keyBy(keySelector(edge), Types.GENERIC(Object.class));
      default -> throw new IllegalArgumentException(
          edgeName(edge) + ".partitioner: unknown \"" + edge.partitioner() + "\"");
    };
  }

  private JsKeySelector keySelector(EdgeSpec edge) {
    return new JsKeySelector(
        new UserFunction(
            edge.key(),
            "key",
            "key selector of the edge from \"" + edge.source() + "\"",
            "key selector " + edge.source() + " → " + edge.target(),
            maxParallelism(job.operators().get(edge.target()))));
  }

  /** Flink's union adds no operator: the consumer reads every input through a union input gate. */
  private static DataStream<String> union(List<DataStream<String>> streams) {
    if (streams.size() == 1) return streams.get(0);
    @SuppressWarnings("unchecked")
    DataStream<String>[] others = streams.subList(1, streams.size()).toArray(DataStream[]::new);
    return streams.get(0).union(others);
  }

  @SuppressWarnings("unchecked")
  private static KeyedStream<String, Object> keyed(DataStream<String> input, OperatorSpec op) {
    if (!(input instanceof KeyedStream))
      throw new IllegalArgumentException(
          op.path() + ": " + op.kind() + " needs a keyed input, a hash edge with a key selector into it");
    return (KeyedStream<String, Object>) input;
  }

  private SingleOutputStreamOperator<String> window(DataStream<String> input, OperatorSpec op) {
    var params = op.params();
    WindowAssigners windows = WindowAssigners.of(params, op.path() + ".params");
    Duration lateness = Duration.ofMillis(params.path("allowedLatenessMs").asLong(0));
    boolean lateOutput = params.path("lateOutput").asBoolean(true);
    JsWindowAggregate aggregate =
        new JsWindowAggregate(
            new JsWindowAggregate.Definition(
                op.id(),
                params.has("aggregate") ? params.get("aggregate").toString() : null,
                params.has("reduce") ? params.get("reduce").asText() : null,
                "operator \"" + op.id() + "\" params.reduce"),
            maxParallelism(op));
    SingleOutputStreamOperator<String> result;
    if (input instanceof KeyedStream) {
      @SuppressWarnings("unchecked")
      WindowedStream<String, Object, Window> windowed =
          ((KeyedStream<String, Object>) input).window(windows.assigner()).allowedLateness(lateness);
      if (windows.trigger() != null) windowed = windowed.trigger(windows.trigger());
      if (windows.evictor() != null) windowed = windowed.evictor(windows.evictor());
      if (lateOutput) windowed = windowed.sideOutputLateData(LATE);
      var results = new WindowResult.Keyed<>(lifecycle(op));
      result = windowed.aggregate(aggregate, results, Types.STRING, Types.STRING, Types.STRING);
    } else {
      if (op.parallelism() != 1)
        throw new IllegalArgumentException(
            op.path()
                + ".parallelism: a window without a keyed input (a hash edge with a key into it) is a windowAll and"
                + " needs parallelism 1, not "
                + op.parallelism());
      AllWindowedStream<String, Window> windowed = input.windowAll(windows.assigner()).allowedLateness(lateness);
      if (windows.trigger() != null) windowed = windowed.trigger(windows.trigger());
      if (windows.evictor() != null) windowed = windowed.evictor(windows.evictor());
      if (lateOutput) windowed = windowed.sideOutputLateData(LATE);
      var results = new WindowResult.All<>(lifecycle(op));
      result = windowed.aggregate(aggregate, results, Types.STRING, Types.STRING, Types.STRING);
    }
    sideOutputs.put(op.id(), result);
    return configure(result, op);
  }

  /** `process`: KeyedProcessFunction behind a hash edge, ProcessFunction otherwise. */
  private SingleOutputStreamOperator<String> process(DataStream<String> input, OperatorSpec op) {
    ProcessFunctions functions =
        new ProcessFunctions(
            op.id(), op.text("fn"), op.optionalText("onTimer"), op.optionalText("open"), op.optionalText("close"));
    SingleOutputStreamOperator<String> result =
        input instanceof KeyedStream
            ? keyed(input, op).process(new JsKeyedProcess(functions), Types.STRING)
            : input.process(new JsProcess(functions), Types.STRING);
    sideOutputs.put(op.id(), result);
    return configure(result, op);
  }

  /**
   * `sink.collect` at its own parallelism: each subtask writes its records to files under the job's collect
   * folder, exactly once across restarts as `sink.file` (Flink's FileSink commits them with checkpoints), and the
   * runner reads them back when the job ends. Flink's own collect sink (DataStream#collectAsync) runs at
   * parallelism 1 only, which would change the plan and refuse forward edges into a parallel sink.
   */
  private void collect(DataStream<String> input, OperatorSpec op) {
    Path folder = collectRoot.resolve(op.id());
    configure(input.sinkTo(fileSink(folder.toString())), op);
    collectSinks.put(op.id(), folder);
  }

  private org.apache.flink.api.connector.sink2.Sink<String> fileSink(String path) {
    if (!job.config().has("checkpointing")) return new PartFileSink(path);
    var directory = new org.apache.flink.core.fs.Path(new java.io.File(path).getAbsoluteFile().toURI());
    return FileSink.forRowFormat(directory, new SimpleStringEncoder<String>())
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .build();
  }

  private JsReduce fieldAggregation(OperatorSpec op) {
    return new JsReduce(
        UserFunction.builtin("fieldAggregation", maxParallelism(op), op.kind(), op.optionalText("field")),
        new Lifecycle(null, null));
  }

  private static String edgeName(EdgeSpec edge) {
    return "edge " + edge.source() + " → " + edge.target();
  }

  /** The operator's `fn`, wrapped by the prelude adapter of the same name as its kind. */
  private UserFunction fn(OperatorSpec op, String adapter) {
    return fn(op, "fn", adapter);
  }

  private UserFunction fn(OperatorSpec op, String param, String adapter) {
    return new UserFunction(
        op.text(param), adapter, "operator \"" + op.id() + "\" params." + param, op.id(), maxParallelism(op));
  }

  /** The operator's `open` and `close` params, if it has them. */
  private Lifecycle lifecycle(OperatorSpec op) {
    return new Lifecycle(lifecycleFn(op, "open"), lifecycleFn(op, "close"));
  }

  private UserFunction lifecycleFn(OperatorSpec op, String param) {
    String source = op.optionalText(param);
    return source == null ? null : fn(op, param, "lifecycle");
  }

  /** The max parallelism Flink will give the operator: its own, the job's, or Flink's default for its parallelism. */
  private int maxParallelism(OperatorSpec op) {
    if (op.maxParallelism() != null) return op.maxParallelism();
    if (job.defaultMaxParallelism() != null) return job.defaultMaxParallelism();
    return KeyGroupRangeAssignment.computeDefaultMaxParallelism(op.parallelism());
  }

  private <T> SingleOutputStreamOperator<T> configure(SingleOutputStreamOperator<T> stream, OperatorSpec op) {
    stream.uid(op.id()).name(op.id()).setParallelism(op.parallelism());
    if (op.maxParallelism() != null) stream.setMaxParallelism(op.maxParallelism());
    if (op.slotSharingGroup() != null) stream.slotSharingGroup(op.slotSharingGroup());
    switch (op.chaining()) {
      case "HEAD" -> stream.startNewChain();
      case "NEVER" -> stream.disableChaining();
      default -> {}
    }
    return stream;
  }

  private <T> DataStreamSink<T> configure(DataStreamSink<T> sink, OperatorSpec op) {
    sink.uid(op.id()).name(op.id()).setParallelism(op.parallelism());
    if (op.maxParallelism() != null) sink.getTransformation().setMaxParallelism(op.maxParallelism());
    if (op.slotSharingGroup() != null) sink.slotSharingGroup(op.slotSharingGroup());
    switch (op.chaining()) {
      // DataStreamSink has no startNewChain(); Flink's ChainingStrategy.HEAD is what it would set.
      case "HEAD" -> ((PhysicalTransformation<?>) sink.getTransformation()).setChainingStrategy(ChainingStrategy.HEAD);
      case "NEVER" -> sink.disableChaining();
      default -> {}
    }
    return sink;
  }

  /** Sources first, then every operator after all its inputs (Kahn's algorithm, in the file's order). */
  public static List<OperatorSpec> topologicalOrder(JobSpec job) {
    Map<String, Integer> waiting = new LinkedHashMap<>();
    for (String id : job.operators().keySet()) waiting.put(id, 0);
    for (EdgeSpec e : job.edges()) waiting.merge(e.target(), 1, Integer::sum);
    List<OperatorSpec> order = new ArrayList<>();
    boolean progress = true;
    while (!waiting.isEmpty() && progress) {
      progress = false;
      for (var entry : new ArrayList<>(waiting.entrySet())) {
        if (entry.getValue() != 0) continue;
        waiting.remove(entry.getKey());
        order.add(job.operators().get(entry.getKey()));
        for (EdgeSpec e : job.edges())
          if (e.source().equals(entry.getKey())) waiting.merge(e.target(), -1, Integer::sum);
        progress = true;
      }
    }
    if (!waiting.isEmpty())
      throw new IllegalArgumentException("$.edges: the graph has a cycle through " + waiting.keySet());
    return order;
  }
}
