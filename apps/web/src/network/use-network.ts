/** The network figures one canvas element draws, read from the store and recomputed only when a frame lands. */
import { useMemo } from 'react';
import { useEditor } from '../store/app-store';
import type { VertexBackpressure } from './backpressure';
import { edgeNetwork, type EdgeNetwork } from './edge-network';
import { operatorBackpressure } from './operator-network';

export function useOperatorBackpressure(operatorId: string): VertexBackpressure | null {
  const job = useEditor((s) => s.job);
  const network = useEditor((s) => s.network);
  // Every node of the canvas runs this on every frame: it works out its own vertex only, not the whole plan's.
  return useMemo(
    () => (job && network ? operatorBackpressure(job.executionGraph, network, job.taskStates, operatorId) : null),
    [job, network, operatorId],
  );
}

/** null while no job runs (or ran) in this session. */
export function useEdgeNetwork(source: string, target: string): EdgeNetwork | null {
  const job = useEditor((s) => s.job);
  const network = useEditor((s) => s.network);
  return useMemo(
    () => (job && network ? edgeNetwork(job.executionGraph, source, target, network, job.taskStates) : null),
    [job, network, source, target],
  );
}
