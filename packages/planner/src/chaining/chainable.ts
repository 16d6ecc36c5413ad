/**
 * Whether a JobGraph edge is chained, i.e. the two operators run in one task and call each other
 * directly. All rules of semantics §1 that our JobGraph can express must hold (the numbers
 * are §1's). A side output edge chains like any other: §1 has no rule about it, and Flink's ChainingOutput
 * carries the edge's OutputTag, so a late-data sink of the window's parallelism runs in the window's task.
 */
import { DEFAULTS, effectivePartitioner, type EdgeSpec } from '@sluice/model';
import type { JobGraphIndex } from '../job-graph-index.js';

export function isChainable(edge: EdgeSpec, index: JobGraphIndex, slotSharingGroups: Map<string, string>): boolean {
  const { config } = index.graph;
  const up = index.operator(edge.source);
  const down = index.operator(edge.target);
  const upStrategy = up.chaining ?? DEFAULTS.chaining;
  const downStrategy = down.chaining ?? DEFAULTS.chaining;
  return (
    // 1: a union or any operator with several inputs heads its own chain.
    index.inEdges(down.id).length === 1 &&
    // 2
    config?.operatorChaining !== false &&
    // 3
    slotSharingGroups.get(up.id) === slotSharingGroups.get(down.id) &&
    // 5
    upStrategy !== 'NEVER' &&
    // 6
    downStrategy === 'ALWAYS' &&
    // 7
    up.parallelism === down.parallelism &&
    // 8: StreamNodes compare the max parallelism set on them (their own, else the job's), before any default is
    // computed: an operator left unset does not chain to one set to its default.
    (config?.chainOperatorsWithDifferentMaxParallelism !== false ||
      (up.maxParallelism ?? config?.maxParallelism) === (down.maxParallelism ?? config?.maxParallelism)) &&
    // 9
    effectivePartitioner(edge, index.graph) === 'forward'
  );
}
