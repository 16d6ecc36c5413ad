/**
 * Node sizes for derived (controlled) xyflow nodes. xyflow measures nodes and reports the sizes as
 * `dimensions` changes; since our nodes are rebuilt from the store, the sizes must be merged back
 * in, or xyflow would treat every rebuilt node as unmeasured.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Node, NodeChange } from '@xyflow/react';

type Sizes = Record<string, { width: number; height: number }>;

export function useMeasured<N extends Node>(nodes: N[]): { nodes: N[]; measure: (changes: NodeChange<N>[]) => void } {
  const [sizes, setSizes] = useState<Sizes>({});
  const measure = useCallback((changes: NodeChange<N>[]) => {
    const measured = changes.flatMap((c) =>
      c.type === 'dimensions' && c.dimensions ? [[c.id, c.dimensions] as const] : [],
    );
    if (measured.length > 0) setSizes((old) => ({ ...old, ...Object.fromEntries(measured) }));
  }, []);
  // A node whose own object and size did not change keeps its previous object: one node resized must not make
  // xyflow re-adopt (and re-render) the other 199.
  const previous = useRef(new Map<string, { node: N; size: Sizes[string] | undefined; result: N }>());
  const withSizes = useMemo(() => {
    const next = new Map<string, { node: N; size: Sizes[string] | undefined; result: N }>();
    const result = nodes.map((n) => {
      const size = sizes[n.id];
      const before = previous.current.get(n.id);
      const merged =
        before && before.node === n && before.size === size ? before.result : size ? { ...n, measured: size } : n;
      next.set(n.id, { node: n, size, result: merged });
      return merged;
    });
    previous.current = next;
    return result;
  }, [nodes, sizes]);
  return { nodes: withSizes, measure };
}
