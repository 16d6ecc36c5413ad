/**
 * Lookups over a JobGraph that every planning step needs: operators by id, edges by endpoint, and
 * one deterministic topological order (the model's topologicalOrder: ties broken by declaration order,
 * so the same drawing always yields the same plan).
 */
import { topologicalOrder, type EdgeSpec, type JobGraph, type OperatorSpec } from '@sluice/model';

export interface JobGraphIndex {
  graph: JobGraph;
  operator(id: string): OperatorSpec;
  inEdges(id: string): EdgeSpec[];
  outEdges(id: string): EdgeSpec[];
  /** Operator ids, every operator after all of its inputs. */
  topologicalOrder: string[];
}

export function indexJobGraph(graph: JobGraph): JobGraphIndex {
  const operators = new Map(graph.operators.map((op) => [op.id, op]));
  const inEdges = new Map<string, EdgeSpec[]>(graph.operators.map((op) => [op.id, []]));
  const outEdges = new Map<string, EdgeSpec[]>(graph.operators.map((op) => [op.id, []]));
  graph.edges.forEach((edge, i) => {
    const into = inEdges.get(edge.target);
    const from = outEdges.get(edge.source);
    if (!into) throw new Error(`edges[${i}].target: no operator with id "${edge.target}"`);
    if (!from) throw new Error(`edges[${i}].source: no operator with id "${edge.source}"`);
    into.push(edge);
    from.push(edge);
  });
  const lookup = <T>(map: Map<string, T>, id: string): T => {
    const found = map.get(id);
    if (found === undefined) throw new Error(`no operator with id "${id}"`);
    return found;
  };
  return {
    graph,
    operator: (id) => lookup(operators, id),
    inEdges: (id) => lookup(inEdges, id),
    outEdges: (id) => lookup(outEdges, id),
    topologicalOrder: operatorOrder(graph, inEdges),
  };
}

function operatorOrder(graph: JobGraph, inEdges: Map<string, EdgeSpec[]>): string[] {
  const { order, unordered } = topologicalOrder(
    graph.operators.map((op) => op.id),
    (id) => (inEdges.get(id) ?? []).map((edge) => edge.source),
  );
  if (unordered.length > 0) throw new Error(`the JobGraph has a cycle through operators ${unordered.join(', ')}`);
  return order;
}
