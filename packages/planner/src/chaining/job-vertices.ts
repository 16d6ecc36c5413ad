/**
 * Operator chaining (semantics §1): every operator whose single input edge is chainable joins
 * its upstream operator's chain; every other operator heads a new chain, i.e. a new JobVertex. A chain
 * may fork (one operator feeding two chained operators), so a chain is a tree rooted at its head.
 */
import { effectiveMaxParallelism, type EdgeSpec } from '@sluice/model';
import type { JobVertex } from '../execution-graph.js';
import type { JobGraphIndex } from '../job-graph-index.js';
import { isChainable } from './chainable.js';

export interface Chaining {
  /** Topological order. */
  vertices: JobVertex[];
  /** The JobVertex (= head operator id) every operator runs in. */
  vertexOf: Map<string, string>;
  /** The JobGraph edges that cross between JobVertices, in JobGraph order. */
  networkEdges: EdgeSpec[];
}

export function chainOperators(index: JobGraphIndex, slotSharingGroups: Map<string, string>): Chaining {
  const chained = new Set(index.graph.edges.filter((edge) => isChainable(edge, index, slotSharingGroups)));
  const vertexOf = new Map<string, string>();
  for (const id of index.topologicalOrder) {
    const chainedInput = index.inEdges(id).find((edge) => chained.has(edge));
    vertexOf.set(id, chainedInput ? headOf(vertexOf, chainedInput.source) : id);
  }
  // Operators and chained edges by their chain's head, in one pass each (not one per head: thousands of operators).
  const operatorsOf = groupBy(index.topologicalOrder, (id) => vertexOf.get(id)!);
  const chainedEdgesOf = groupBy(
    index.graph.edges.filter((edge) => chained.has(edge)),
    (edge) => vertexOf.get(edge.source)!,
  );
  const heads = index.topologicalOrder.filter((id) => vertexOf.get(id) === id);
  const vertices = heads.map((head): JobVertex => {
    const operator = index.operator(head);
    return {
      id: head,
      name: chainedName(head, index, chained),
      operators: operatorsOf.get(head) ?? [],
      chainedEdges: (chainedEdgesOf.get(head) ?? []).map(({ source, target, sideOutput }) =>
        sideOutput === undefined ? { source, target } : { source, target, sideOutput },
      ),
      parallelism: operator.parallelism,
      // Flink's JobVertex takes the head's max parallelism (StreamingJobGraphGenerator.createJobVertex).
      maxParallelism: effectiveMaxParallelism(operator, index.graph.config),
      slotSharingGroup: headOf(slotSharingGroups, head),
    };
  });
  return { vertices, vertexOf, networkEdges: index.graph.edges.filter((edge) => !chained.has(edge)) };
}

/** The items by key, each group in the items' order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function headOf(map: Map<string, string>, id: string): string {
  const value = map.get(id);
  if (value === undefined) throw new Error(`operator "${id}" was not planned before its consumers`);
  return value;
}

/** StreamingJobGraphGenerator.createChainedName: "A -> B" along a chain, "A -> (B, C)" where it forks. */
function chainedName(id: string, index: JobGraphIndex, chained: Set<EdgeSpec>): string {
  const operator = index.operator(id);
  const own = operator.name ?? operator.id;
  const outputs = index.outEdges(id).filter((edge) => chained.has(edge));
  const [only] = outputs;
  if (outputs.length > 1)
    return `${own} -> (${outputs.map((edge) => chainedName(edge.target, index, chained)).join(', ')})`;
  if (only) return `${own} -> ${chainedName(only.target, index, chained)}`;
  return own;
}
