import { useCallback, useEffect, useMemo, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { OPERATOR_KINDS, type OperatorKind } from '@sluice/model';
import { connectionRefusal } from '../graph/edit';
import { operatorSelection, selectedOperatorIds } from '../actions/selection';
import { useContextMenu } from '../actions/ContextMenu';
import {
  edgeIndexOf,
  sameSelection,
  toFlowEdges,
  toFlowNodes,
  type OperatorNode,
  type PartitionFlowEdge,
  type Selection,
} from '../graph/flow';
import { translate, useLanguage, useT } from '../i18n';
import { editorStore, useEditor } from '../store/app-store';
import { isStaggered, useEditorSlice } from '../runtime/live-slice';
import { OPERATOR_KIND_MIME } from './drag';
import OperatorNodeView from './OperatorNodeView';
import PartitionEdgeView from './PartitionEdgeView';
import { useMeasured } from './use-measured';
import { DEFAULT_NODE_SIZE, LAYOUT_GRID } from '../layout/auto-layout';
import { attachCanvasView } from '../layout/canvas-view';

const nodeTypes = { operator: OperatorNodeView };
const edgeTypes = { partition: PartitionEdgeView };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.1 };
/**
 * From this many operators on, nodes and edges out of view leave the DOM. A smaller graph stays whole, so every
 * node can be found even when the view shows only part of it (choosing an example keeps the view).
 */
const CULL_FROM_OPERATORS = 100;
/** The keyboard's nudge, the background's dots and the layout all use this one grid. */
const SNAP_GRID: [number, number] = [LAYOUT_GRID, LAYOUT_GRID];

function isOperatorKind(value: string): value is OperatorKind {
  return (OPERATOR_KINDS as readonly string[]).includes(value);
}

/** Applies xyflow's select changes of edges to the store's selection. */
function applyEdgeSelection(changes: readonly EdgeChange[]) {
  for (const change of changes) {
    if (change.type !== 'select') continue;
    const target: Selection = { type: 'edge', index: edgeIndexOf(change.id) };
    const { selection, select } = editorStore.getState();
    if (change.selected) select(target);
    else if (sameSelection(selection, target)) select(null);
  }
}

/**
 * Applies xyflow's select changes of nodes: a plain click comes with deselections of the others, a Shift-click
 * without, so the operators selected before that are not deselected stay selected.
 */
function applyOperatorSelection(changes: readonly NodeChange[]) {
  const selects = changes.flatMap((c) => (c.type === 'select' ? [c] : []));
  const { selection, select } = editorStore.getState();
  const on = selects.filter((c) => c.selected).map((c) => c.id);
  if (on.length === 0 && selection?.type === 'edge') return;
  const off = new Set(selects.filter((c) => !c.selected).map((c) => c.id));
  if (on.length === 0 && off.size === 0) return;
  select(
    operatorSelection([...selectedOperatorIds(selection).filter((id) => !off.has(id) && !on.includes(id)), ...on]),
  );
}

/** The logical JobGraph editor. Everything drawn is derived from the store; every gesture is a store edit. */
export default function Canvas() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const jobGraph = useEditor((s) => s.jobGraph);
  const located = useEditor((s) => s.located);
  const selection = useEditor((s) => s.selection);
  // A large job's figures move on hundreds of bars at once: they jump instead of animating (see network.css).
  const largeJob = useEditorSlice(isStaggered);
  const { screenToFlowPosition, fitView, getNodes } = useReactFlow<OperatorNode, PartitionFlowEdge>();
  const { openContextMenu, contextMenu } = useContextMenu();

  // Rebuilt only when the language changes: a new object every render would reset xyflow's store each time.
  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': translate(language, 'canvas.controls'),
      'controls.zoomIn.ariaLabel': translate(language, 'canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': translate(language, 'canvas.zoomOut'),
      'controls.fitView.ariaLabel': translate(language, 'action.fitView'),
      'minimap.ariaLabel': translate(language, 'canvas.minimap'),
    }),
    [language],
  );
  // Nothing of the running job goes in here: a metrics frame must not rebuild 200 nodes and their edges (see runtime/live-slice.ts).
  const derivedNodes = useMemo(() => toFlowNodes(jobGraph, located, selection), [jobGraph, located, selection]);
  const { nodes, measure } = useMeasured(derivedNodes);
  const edges = useMemo(() => toFlowEdges(jobGraph, located, selection), [jobGraph, located, selection]);

  // Another graph was loaded (an example, a file, an import): show all of it, as on first load. xyflow queues the
  // fit until the new nodes are measured, so an empty graph gets none: the fit would wait for, and jump to, the
  // first operator the user drops.
  const loadedGraphs = useEditor((s) => s.loadedGraphs);
  useEffect(() => {
    if (loadedGraphs > 0 && editorStore.getState().jobGraph.operators.length > 0) void fitView(FIT_VIEW_OPTIONS);
  }, [loadedGraphs, fitView]);

  useEffect(
    () =>
      attachCanvasView({
        fitView: () => void fitView({ ...FIT_VIEW_OPTIONS, duration: 200 }),
        nodeSizes: () =>
          Object.fromEntries(
            getNodes().map((n) => [
              n.id,
              {
                width: n.measured?.width ?? DEFAULT_NODE_SIZE.width,
                height: n.measured?.height ?? DEFAULT_NODE_SIZE.height,
              },
            ]),
          ),
      }),
    [fitView, getNodes],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<OperatorNode>[]) => {
      measure(changes);
      const moves = changes.filter((c) => c.type === 'position' && c.position !== undefined);
      if (moves.length > 0) {
        const positions = Object.fromEntries(
          moves.flatMap((c) => (c.type === 'position' && c.position ? [[c.id, c.position]] : [])),
        );
        editorStore.getState().moveOperators(
          positions,
          moves.some((c) => c.type === 'position' && c.dragging === true),
        );
      }
      applyOperatorSelection(changes);
    },
    [measure],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<PartitionFlowEdge>[]) => {
    applyEdgeSelection(changes);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    editorStore.getState().connect(c.source, c.target);
  }, []);

  const isValidConnection: IsValidConnection<PartitionFlowEdge> = useCallback(
    (c) => connectionRefusal(editorStore.getState().jobGraph, c.source, c.target) === null,
    [],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(OPERATOR_KIND_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(OPERATOR_KIND_MIME);
      if (!isOperatorKind(kind)) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      editorStore.getState().addOperator(kind, { x: at.x - 80, y: at.y - 30 });
    },
    [screenToFlowPosition],
  );

  return (
    <div
      className={largeJob ? 'canvas canvas--large-job' : 'canvas'}
      data-testid="canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<OperatorNode, PartitionFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onPaneClick={() => editorStore.getState().select(null)}
        onPaneContextMenu={openContextMenu}
        onNodeContextMenu={(event, node) => openContextMenu(event, node.id)}
        // The action registry owns the keyboard (actions/use-shortcuts.ts): Delete and arrows go through it and the undo history.
        deleteKeyCode={null}
        disableKeyboardA11y
        multiSelectionKeyCode="Shift"
        selectionKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        snapToGrid
        snapGrid={SNAP_GRID}
        ariaLabelConfig={ariaLabels}
        minZoom={0.2}
        // Zoomed into a large graph, only what shows is laid out, painted and updated per metrics frame.
        onlyRenderVisibleElements={jobGraph.operators.length >= CULL_FROM_OPERATORS}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={LAYOUT_GRID} size={1} />
        <Controls showInteractive={false} data-testid="zoom-controls" />
        <MiniMap pannable zoomable data-testid="minimap" />
      </ReactFlow>
      {jobGraph.operators.length === 0 && <div className="canvas__empty">{t('canvas.empty')}</div>}
      {contextMenu}
    </div>
  );
}
