/**
 * Level of detail of the canvas. Zoomed out far enough to see a large graph whole, a node's 10 px figures
 * are a few pixels tall and its per-subtask columns a pixel wide each: nobody reads them, yet a job of
 * 200 operators at parallelism 32 would still re-render, lay out and paint every one of them on each
 * metrics frame. Below DETAIL_ZOOM nodes and edges draw what still reads at that size (kind, name,
 * parallelism; status and backpressure as the node's colours) and leave the live figures out.
 */
import { useStore } from '@xyflow/react';

/** Half size: the smallest figures (10 px) would be 5 px tall on screen. */
export const DETAIL_ZOOM = 0.5;

/** Whether the canvas is zoomed in enough for live figures; the component re-renders only when that flips. */
export function useDetailed(): boolean {
  return useStore((s) => s.transform[2] >= DETAIL_ZOOM);
}
