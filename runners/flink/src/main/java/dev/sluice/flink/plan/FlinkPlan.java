package dev.sluice.flink.plan;

import dev.sluice.flink.graph.Json;
import dev.sluice.flink.graph.JobSpec;
import dev.sluice.flink.graph.OperatorSpec;
import dev.sluice.flink.translate.FlinkConfiguration;
import dev.sluice.flink.translate.JobTranslator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobEdge;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.jobmanager.scheduler.SlotSharingGroup;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.streaming.api.graph.StreamNode;

/**
 * Flink's own JobGraph of a Sluice job (StreamGraph → JobGraph by Flink's StreamingJobGraphGenerator) in the shape
 * `sluice plan` prints: vertices with the Sluice operator ids of their chain, edges with their partitioner, and the
 * slots the job needs (per slot sharing group the largest parallelism in it, summed). A vertex is known by its
 * chain's head; operators are mapped back from Flink's operator ids, which hash the uids (the Sluice ids).
 */
public final class FlinkPlan {
  private FlinkPlan() {}

  public static ObjectNode of(JobSpec job) throws Exception {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(FlinkConfiguration.of(job.config()));
    JobTranslator.translate(job, env, Path.of(System.getProperty("java.io.tmpdir")));
    StreamGraph streamGraph = env.getStreamGraph();
    Map<OperatorID, String> uids = new HashMap<>();
    new StreamGraphHasherV2()
        .traverseStreamGraphAndGenerateHashes(streamGraph)
        .forEach((nodeId, hash) -> uids.put(new OperatorID(hash), sluiceId(job, streamGraph.getStreamNode(nodeId))));
    JobGraph jobGraph = streamGraph.getJobGraph();

    Map<String, Integer> order = new HashMap<>();
    List<OperatorSpec> topological = JobTranslator.topologicalOrder(job);
    for (int i = 0; i < topological.size(); i++) order.put(topological.get(i).id(), i);

    Map<JobVertex, List<String>> chains = new IdentityHashMap<>();
    List<JobVertex> vertices = new ArrayList<>();
    for (JobVertex vertex : jobGraph.getVertices()) {
      List<String> operators = new ArrayList<>();
      for (OperatorIDPair pair : vertex.getOperatorIDs()) {
        String id = uids.get(pair.getGeneratedOperatorID());
        if (!operators.contains(id)) operators.add(id);
      }
      operators.sort(Comparator.comparing(order::get));
      chains.put(vertex, operators);
      vertices.add(vertex);
    }
    Comparator<JobVertex> byHead = Comparator.comparing(v -> order.get(chains.get(v).get(0)));
    vertices.sort(byHead);

    ObjectNode plan = Json.MAPPER.createObjectNode();
    plan.put("slotsRequired", slotsRequired(vertices));
    ArrayNode vertexNodes = plan.putArray("vertices");
    for (JobVertex vertex : vertices) {
      ObjectNode node = vertexNodes.addObject();
      node.put("id", chains.get(vertex).get(0));
      node.put("name", vertex.getName());
      ArrayNode operators = node.putArray("operators");
      chains.get(vertex).forEach(operators::add);
      node.put("parallelism", vertex.getParallelism());
    }
    ArrayNode edges = plan.putArray("edges");
    for (JobVertex target : vertices) {
      List<JobEdge> inputs = new ArrayList<>(target.getInputs());
      inputs.sort(Comparator.comparing(e -> order.get(chains.get(e.getSource().getProducer()).get(0))));
      for (JobEdge edge : inputs) {
        ObjectNode node = edges.addObject();
        node.put("source", chains.get(edge.getSource().getProducer()).get(0));
        node.put("target", chains.get(target).get(0));
        node.put("partitioner", edge.getShipStrategyName().toLowerCase(Locale.ROOT));
      }
    }
    return plan;
  }

  /**
   * The Sluice operator a StreamNode belongs to: its uid, or for the nodes a sink expands into (FileSink's
   * "<id>: Committer" next to its "<id>: Writer") the id its name starts with.
   */
  private static String sluiceId(JobSpec job, StreamNode node) {
    String uid = node.getTransformationUID();
    if (uid != null && job.operators().containsKey(uid)) return uid;
    String name = node.getOperatorName();
    int colon = name.indexOf(": ");
    String owner = colon < 0 ? name : name.substring(0, colon);
    if (job.operators().containsKey(owner)) return owner;
    throw new IllegalStateException("Flink operator \"" + name + "\" maps to no Sluice operator");
  }

  private static int slotsRequired(List<JobVertex> vertices) {
    Map<SlotSharingGroup, Integer> largest = new IdentityHashMap<>();
    for (JobVertex vertex : vertices)
      largest.merge(vertex.getSlotSharingGroup(), vertex.getParallelism(), Math::max);
    return largest.values().stream().mapToInt(Integer::intValue).sum();
  }
}
