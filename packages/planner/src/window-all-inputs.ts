/**
 * Flink's windowAll is a window on a keyed stream after all: AllWindowedStream keys its input by a constant
 * (`keyBy(new NullByteKeySelector())`) and runs with parallelism 1. So every edge into a window without a keyed
 * input is a hash edge in Flink's plan, never chained to its producer (§1 Chaining rules, rule 9). The edge keeps no
 * key selector: the engine routes such an edge by the constant key, and the window stays a windowAll.
 */
import type { JobGraph } from '@sluice/model';

export function keyWindowAllInputs(graph: JobGraph): JobGraph {
  const windowAlls = new Set(
    graph.operators
      .filter((op) => op.kind === 'window')
      .filter((op) => !graph.edges.some((edge) => edge.target === op.id && edge.partitioner === 'hash'))
      .map((op) => op.id),
  );
  if (windowAlls.size === 0) return graph;
  return {
    ...graph,
    edges: graph.edges.map((edge) => {
      if (!windowAlls.has(edge.target)) return edge;
      const { key: _key, ...rest } = edge;
      return { ...rest, partitioner: 'hash' };
    }),
  };
}
