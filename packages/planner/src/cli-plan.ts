/** The ExecutionGraph in the shape `sluice plan` prints (design.md "Contract 2"); key order is part of the contract. */
import type { Partitioner } from '@sluice/model';
import type { ExecutionGraph } from './execution-graph.js';

export interface CliPlan {
  slotsRequired: number;
  vertices: { id: string; name: string; operators: string[]; parallelism: number }[];
  edges: { source: string; target: string; partitioner: Partitioner }[];
}

export function toCliPlan(eg: ExecutionGraph): CliPlan {
  return {
    slotsRequired: eg.slotsRequired,
    vertices: eg.vertices.map(({ id, name, operators, parallelism }) => ({
      id,
      name,
      operators: [...operators],
      parallelism,
    })),
    edges: eg.edges.map(({ source, target, partitioner }) => ({ source, target, partitioner })),
  };
}
