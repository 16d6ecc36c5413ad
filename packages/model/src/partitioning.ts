import type { EdgeSpec, JobGraph, Partitioner } from './jobgraph.js';

/** StreamGraph's choice for an edge without a partitioner: forward between equal parallelisms, else rebalance. */
export function defaultPartitioner(sourceParallelism: number, targetParallelism: number): Partitioner {
  return sourceParallelism === targetParallelism ? 'forward' : 'rebalance';
}

/** The partitioner an edge really gets (semantics §1, last paragraph). */
export function effectivePartitioner(edge: EdgeSpec, graph: Pick<JobGraph, 'operators'>): Partitioner {
  if (edge.partitioner !== undefined) return edge.partitioner;
  const parallelismOf = (id: string): number => {
    const op = graph.operators.find((o) => o.id === id);
    if (op === undefined) throw new Error(`no operator with id "${id}"`);
    return op.parallelism;
  };
  return defaultPartitioner(parallelismOf(edge.source), parallelismOf(edge.target));
}
