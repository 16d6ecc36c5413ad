/**
 * The network edges of the ExecutionGraph: one JobEdge per JobGraph edge that chaining did not
 * absorb. Forward and rescale wire subtasks POINTWISE, every other partitioner ALL_TO_ALL
 * (semantics §3 POINTWISE).
 */
import { effectivePartitioner, type EdgeSpec, type Partitioner } from '@sluice/model';
import type { DistributionPattern, JobEdge } from './execution-graph.js';
import type { JobGraphIndex } from './job-graph-index.js';

function distributionPattern(partitioner: Partitioner): DistributionPattern {
  return partitioner === 'forward' || partitioner === 'rescale' ? 'POINTWISE' : 'ALL_TO_ALL';
}

export function buildJobEdges(
  networkEdges: EdgeSpec[],
  vertexOf: Map<string, string>,
  index: JobGraphIndex,
): JobEdge[] {
  const vertex = (operatorId: string): string => {
    const id = vertexOf.get(operatorId);
    if (id === undefined) throw new Error(`operator "${operatorId}" is in no JobVertex`);
    return id;
  };
  return networkEdges.map((edge, i): JobEdge => {
    const partitioner = effectivePartitioner(edge, index.graph);
    const jobEdge: JobEdge = {
      index: i,
      source: vertex(edge.source),
      target: vertex(edge.target),
      sourceOperator: edge.source,
      targetOperator: edge.target,
      partitioner,
      distribution: distributionPattern(partitioner),
    };
    if (edge.key !== undefined) jobEdge.key = edge.key;
    if (edge.sideOutput !== undefined) jobEdge.sideOutput = edge.sideOutput;
    if (edge.input !== undefined) jobEdge.input = edge.input;
    return jobEdge;
  });
}
