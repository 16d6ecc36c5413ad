/**
 * What the canvas's xyflow instance offers the editor actions (fit view, the sizes xyflow measured): the registry
 * runs outside React, so the canvas attaches these while it is mounted.
 */
import type { NodeSizes } from './auto-layout';

export interface CanvasView {
  fitView: () => void;
  nodeSizes: () => NodeSizes;
}

let attached: CanvasView | null = null;

export function attachCanvasView(view: CanvasView): () => void {
  attached = view;
  return () => {
    if (attached === view) attached = null;
  };
}

export function canvasView(): CanvasView | null {
  return attached;
}
