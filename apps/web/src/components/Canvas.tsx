import { useCallback, useMemo, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { OPERATOR_KINDS, type OperatorKind } from '@sluice/model';
import { connectionRefusal } from '../graph/edit';
import { edgeIndexOf, edgeIndices, sameSelection, toFlowEdges, toFlowNodes, type OperatorNode, type PartitionFlowEdge, type Selection } from '../graph/flow';
import { useT } from '../i18n';
import { operatorRuntime } from '../runtime/operator-runtime';
import { editorStore, useEditor } from '../store/app-store';
import { OPERATOR_KIND_MIME } from './drag';
import OperatorNodeView from './OperatorNodeView';
import PartitionEdgeView from './PartitionEdgeView';
import { useMeasured } from './use-measured';

const nodeTypes = { operator: OperatorNodeView };
const edgeTypes = { partition: PartitionEdgeView };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const DELETE_KEYS = ['Delete', 'Backspace'];

function isOperatorKind(value: string): value is OperatorKind {
  return (OPERATOR_KINDS as readonly string[]).includes(value);
}

/** Applies xyflow's select changes to the store's single selection. */
function applySelection(changes: readonly (NodeChange | EdgeChange)[], toSelection: (id: string) => Selection) {
  for (const change of changes) {
    if (change.type !== 'select') continue;
    const target = toSelection(change.id);
    const { selection, select } = editorStore.getState();
    if (change.selected) select(target);
    else if (sameSelection(selection, target)) select(null);
  }
}

/** The logical JobGraph editor. Everything drawn is derived from the store; every gesture is a store edit. */
export default function Canvas() {
  const t = useT();
  const jobGraph = useEditor((s) => s.jobGraph);
  const located = useEditor((s) => s.located);
  const selection = useEditor((s) => s.selection);
  const job = useEditor((s) => s.job);
  const { screenToFlowPosition } = useReactFlow();

  const runtime = useMemo(() => (job ? operatorRuntime(job) : {}), [job]);
  const derivedNodes = useMemo(() => toFlowNodes(jobGraph, located, selection, runtime), [jobGraph, located, selection, runtime]);
  const { nodes, measure } = useMeasured(derivedNodes);
  const edges = useMemo(() => toFlowEdges(jobGraph, located, selection), [jobGraph, located, selection]);

  const onNodesChange = useCallback(
    (changes: NodeChange<OperatorNode>[]) => {
      measure(changes);
      for (const change of changes) {
        if (change.type === 'position' && change.position) editorStore.getState().moveOperator(change.id, change.position);
      }
      applySelection(changes, (id) => ({ type: 'operator', id }));
    },
    [measure],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<PartitionFlowEdge>[]) => {
    applySelection(changes, (id) => ({ type: 'edge', index: edgeIndexOf(id) }));
  }, []);

  const onConnect = useCallback((c: Connection) => {
    editorStore.getState().connect(c.source, c.target);
  }, []);

  const isValidConnection: IsValidConnection<PartitionFlowEdge> = useCallback(
    (c) => connectionRefusal(editorStore.getState().jobGraph, c.source, c.target) === null,
    [],
  );

  // One store edit for the whole deletion, so edge indices are resolved against the same graph.
  const onDelete: OnDelete<OperatorNode, PartitionFlowEdge> = useCallback(({ nodes: gone, edges: goneEdges }) => {
    editorStore.getState().removeElements(
      gone.map((n) => n.id),
      edgeIndices(goneEdges),
    );
  }, []);

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
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
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
        onDelete={onDelete}
        onPaneClick={() => editorStore.getState().select(null)}
        deleteKeyCode={DELETE_KEYS}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {jobGraph.operators.length === 0 && <div className="canvas__empty">{t('canvas.empty')}</div>}
    </div>
  );
}
