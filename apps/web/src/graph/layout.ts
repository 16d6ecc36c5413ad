/**
 * Left-to-right layered layout by longest path from the sources, for graphs whose operators carry
 * no saved position (hand-written JSON, some examples) and for the physical view.
 */
export interface LayoutEdge {
  source: string;
  target: string;
}

export const COLUMN_WIDTH = 260;
export const ROW_HEIGHT = 130;

export function layeredPositions(
  ids: readonly string[],
  edges: readonly LayoutEdge[],
  rowHeight = ROW_HEIGHT,
): Record<string, { x: number; y: number }> {
  const level = new Map<string, number>(ids.map((id) => [id, 0]));
  // Longest path by relaxation; bounded by the node count so a (invalid) cycle cannot loop forever.
  for (let round = 0; round < ids.length; round += 1) {
    let changed = false;
    for (const { source, target } of edges) {
      const next = (level.get(source) ?? 0) + 1;
      if (level.has(target) && next > level.get(target)! && next < ids.length) {
        level.set(target, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const positions: Record<string, { x: number; y: number }> = {};
  for (const id of ids) {
    const column = level.get(id)!;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions[id] = { x: column * COLUMN_WIDTH, y: row * rowHeight };
  }
  return positions;
}
