/**
 * Auto-layout with ELK's layered algorithm (Sugiyama): operators in layers left to right along the edges, crossings
 * minimised, each layer's operators spaced so none overlap. ELK itself runs wherever the caller's engine runs (a web
 * worker in the browser, see elk-worker-engine.ts); this module only translates JobGraph ⇄ ELK graph.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { StoreApi } from 'zustand/vanilla';
import type { JobGraph } from '@sluice/model';
import type { EditorState } from '../store/editor';
import * as edit from '../graph/edit';

/** What of ELK the layout needs: its worker-backed engine in the browser, the in-thread one in tests. */
export interface LayoutEngine {
  layout: (graph: ElkNode) => Promise<ElkNode>;
}

export type NodeSizes = Readonly<Record<string, { width: number; height: number }>>;

/** An operator drawn before xyflow measured it: about the size OperatorNodeView renders. */
export const DEFAULT_NODE_SIZE = { width: 180, height: 72 };
/** Positions land on the canvas's snap grid, so a laid-out node and a dragged one line up. */
export const LAYOUT_GRID = 20;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  // Keeps the operators' order within a layer close to the JobGraph's, so re-running the layout is stable.
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
};

export function elkGraphOf(graph: JobGraph, sizes: NodeSizes): ElkNode {
  return {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: graph.operators.map((op) => ({ id: op.id, ...(sizes[op.id] ?? DEFAULT_NODE_SIZE) })),
    edges: graph.edges.map((e, index) => ({ id: `e${index}`, sources: [e.source], targets: [e.target] })),
  };
}

/**
 * Rounds up to the grid: ELK's spacing (40 between nodes, 80 between layers) is more than twice the grid step,
 * so rounding every corner the same way can never make two laid-out nodes overlap.
 */
const onGrid = (v: number) => Math.ceil(v / LAYOUT_GRID) * LAYOUT_GRID;

/** The graph with every operator at the position ELK gave it; operators ELK did not place keep theirs. */
export function withElkPositions(graph: JobGraph, laidOut: ElkNode): JobGraph {
  return (laidOut.children ?? []).reduce(
    (g, node) =>
      node.x === undefined || node.y === undefined
        ? g
        : edit.updateOperator(g, node.id, { position: { x: onGrid(node.x), y: onGrid(node.y) } }),
    graph,
  );
}

export async function layOut(graph: JobGraph, sizes: NodeSizes, elk: LayoutEngine): Promise<JobGraph> {
  return withElkPositions(graph, await elk.layout(elkGraphOf(graph, sizes)));
}

/**
 * Lays out the store's graph and applies it as one undoable edit. An edit made while ELK worked wins: applying a
 * layout of the older graph would silently undo it, so the layout is dropped instead (false).
 */
export async function autoLayoutStore(
  store: StoreApi<EditorState>,
  sizes: NodeSizes,
  elk: LayoutEngine,
): Promise<boolean> {
  const before = store.getState().jobGraph;
  const laidOut = await layOut(before, sizes, elk);
  const { jobGraph, selection, applyGraphEdit } = store.getState();
  if (jobGraph !== before) return false;
  applyGraphEdit(laidOut, selection);
  return true;
}
