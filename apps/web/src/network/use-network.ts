/**
 * The network figures one canvas element draws, read from the store. Each element derives only its own
 * figures and re-renders only when they changed (see runtime/live-slice.ts), not on every metrics frame.
 */
import { useCallback } from 'react';
import type { EditorState } from '../store/editor';
import { sameData, useEditorSlice } from '../runtime/live-slice';
import type { VertexBackpressure } from './backpressure';
import { edgeNetwork, type EdgeNetwork } from './edge-network';
import { operatorBackpressure, operatorBackpressureLevel } from './operator-network';
import type { BackpressureLevel } from '@sluice/protocol';

export function useOperatorBackpressure(operatorId: string): VertexBackpressure | null {
  const select = useCallback(
    (s: EditorState) =>
      s.job && s.network ? operatorBackpressure(s.job.executionGraph, s.network, s.job.taskStates, operatorId) : null,
    [operatorId],
  );
  return useEditorSlice(select, sameData, operatorId);
}

/** Just the level, for the node's colour (see operatorBackpressureLevel). */
export function useOperatorBackpressureLevel(operatorId: string): BackpressureLevel | null {
  const select = useCallback(
    (s: EditorState) =>
      s.job && s.network
        ? operatorBackpressureLevel(s.job.executionGraph, s.network, s.job.taskStates, operatorId)
        : null,
    [operatorId],
  );
  return useEditorSlice(select, Object.is, operatorId);
}

/** null while no job runs (or ran) in this session. */
export function useEdgeNetwork(source: string, target: string): EdgeNetwork | null {
  const select = useCallback(
    (s: EditorState) =>
      s.job && s.network ? edgeNetwork(s.job.executionGraph, source, target, s.network, s.job.taskStates) : null,
    [source, target],
  );
  return useEditorSlice(select, sameData, `${source}>${target}`);
}
