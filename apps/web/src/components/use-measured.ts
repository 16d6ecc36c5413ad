/**
 * Node sizes for derived (controlled) xyflow nodes. xyflow measures nodes and reports the sizes as
 * `dimensions` changes; since our nodes are rebuilt from the store, the sizes must be merged back
 * in, or xyflow would treat every rebuilt node as unmeasured.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Node, NodeChange } from '@xyflow/react';

type Sizes = Record<string, { width: number; height: number }>;

export function useMeasured<N extends Node>(nodes: N[]): { nodes: N[]; measure: (changes: NodeChange<N>[]) => void } {
  const [sizes, setSizes] = useState<Sizes>({});
  const measure = useCallback((changes: NodeChange<N>[]) => {
    const measured = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [[c.id, c.dimensions] as const] : []));
    if (measured.length > 0) setSizes((old) => ({ ...old, ...Object.fromEntries(measured) }));
  }, []);
  const withSizes = useMemo(() => nodes.map((n) => (sizes[n.id] ? { ...n, measured: sizes[n.id] } : n)), [nodes, sizes]);
  return { nodes: withSizes, measure };
}
