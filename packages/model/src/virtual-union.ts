/**
 * Flink's union is virtual: `a.union(b)` adds no StreamNode, so the operator reading the union reads a and b
 * directly, each through an input gate of its own (a union input gate). A `union` operator of a JobGraph is
 * resolved the same way: every path input → union(s) → consumer becomes one edge input → consumer.
 *
 * The edge's partitioner is the one nearest the consumer, as StreamGraph.addEdgeInternal takes the partitioner of
 * the outermost virtual partition node: `a.rebalance().union(b).keyBy(k)` hashes a's records too. Without any, the
 * default is chosen later between the real producer and consumer (§1, last paragraph); the union's own parallelism
 * plays no part, as a Flink union has none.
 */
import { CATALOGUE } from './catalogue.js';
import type { EdgeSpec, JobGraph } from './jobgraph.js';

/** A JobGraph edge with every union on its way resolved, and the JobGraph edges it was made of. */
export interface ResolvedEdge {
  spec: EdgeSpec;
  /** Indices into the JobGraph's edges, from the producer's edge to the consumer's; one element when no union was crossed. */
  edgeIndices: number[];
  /** The JobGraph edge whose partitioner (and key) the resolved edge took; the consumer's edge when none set one. */
  partitionerIndex: number;
}

/**
 * The edges between operators that are not unions, in the order of the edges into their consumers (a union's
 * inputs in its own edge order), so plans stay deterministic. A cycle through unions is left unresolved (the
 * JobGraph's validation reports cycles).
 */
export function resolveVirtualUnions(
  edges: readonly { index: number; spec: EdgeSpec }[],
  isUnion: (operatorId: string) => boolean,
): ResolvedEdge[] {
  const resolving = new Set<string>();
  const inputsOf = (unionId: string): ResolvedEdge[] => {
    if (resolving.has(unionId)) return [];
    resolving.add(unionId);
    const inputs = edges.filter((edge) => edge.spec.target === unionId).flatMap(resolve);
    resolving.delete(unionId);
    return inputs;
  };
  const resolve = (edge: { index: number; spec: EdgeSpec }): ResolvedEdge[] => {
    if (!isUnion(edge.spec.source))
      return [{ spec: edge.spec, edgeIndices: [edge.index], partitionerIndex: edge.index }];
    return inputsOf(edge.spec.source).map((input) => {
      const own = edge.spec.partitioner !== undefined;
      const chosen = own ? edge.spec : input.spec;
      const spec: EdgeSpec = { source: input.spec.source, target: edge.spec.target };
      if (chosen.partitioner !== undefined) spec.partitioner = chosen.partitioner;
      if (chosen.key !== undefined) spec.key = chosen.key;
      if (input.spec.sideOutput !== undefined) spec.sideOutput = input.spec.sideOutput;
      // The consumer's edge names the input of a two-input consumer; a union itself has one input.
      if (edge.spec.input !== undefined) spec.input = edge.spec.input;
      return {
        spec,
        edgeIndices: [...input.edgeIndices, edge.index],
        partitionerIndex: own || input.spec.partitioner === undefined ? edge.index : input.partitionerIndex,
      };
    });
  };
  return edges.filter((edge) => !isUnion(edge.spec.target)).flatMap(resolve);
}

/** The JobGraph as Flink plans it: every union operator gone, its consumers reading its inputs directly. */
export function withoutVirtualUnions(graph: JobGraph): JobGraph {
  const unions = new Set(graph.operators.filter((op) => CATALOGUE[op.kind].virtual).map((op) => op.id));
  if (unions.size === 0) return graph;
  const edges = graph.edges.map((spec, index) => ({ index, spec }));
  return {
    ...graph,
    operators: graph.operators.filter((op) => !unions.has(op.id)),
    edges: resolveVirtualUnions(edges, (id) => unions.has(id)).map((edge) => edge.spec),
  };
}
