import { memo, useMemo } from 'react';
import { Background, Handle, Position, ReactFlow, ReactFlowProvider, MarkerType, type NodeProps } from '@xyflow/react';
import { toJobEdges, toVertexNodes, type VertexNode } from '../graph/physical';
import { useT } from '../i18n';
import { useEditor } from '../store/app-store';

const VertexNodeView = memo(function VertexNodeView({ data }: NodeProps<VertexNode>) {
  const t = useT();
  const { vertex, slotOfSubtask } = data;
  return (
    <div className="vertex-node">
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="vertex-node__name">{vertex.name}</div>
      <div className="hint">
        {t('physical.subtasks', { n: vertex.parallelism })} · {vertex.slotSharingGroup}
      </div>
      <ul className="vertex-node__subtasks">
        {Array.from({ length: vertex.parallelism }, (_, i) => (
          <li key={i} data-testid={`subtask-${vertex.id}-${i}`}>
            #{i} → {t('physical.slot', { n: slotOfSubtask[i] ?? '?' })}
          </li>
        ))}
      </ul>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { vertex: VertexNodeView };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed } };

/** The ExecutionGraph of the graph on the canvas: chains as vertices, their subtasks, the slots the job needs. */
export default function PhysicalView() {
  const t = useT();
  const plan = useEditor((s) => s.plan);
  const planError = useEditor((s) => s.planError);
  const nodes = useMemo(() => (plan ? toVertexNodes(plan) : []), [plan]);
  const edges = useMemo(() => (plan ? toJobEdges(plan) : []), [plan]);
  return (
    <section className="physical" data-testid="physical-view">
      <h2 className="panel-title">
        {t('physical.title')}
        {plan && (
          <span className="panel-title__sub">
            {t('physical.slotsRequired')}: <b data-testid="physical-slots-required">{plan.slotsRequired}</b>
          </span>
        )}
      </h2>
      {!plan && (
        <p className="hint">{planError ? t('physical.planError', { reason: planError }) : t('physical.invalid')}</p>
      )}
      {plan && (
        // Its own provider: the logical canvas and this view are two independent flows.
        <ReactFlowProvider>
          <div className="physical__flow">
            <ReactFlow
              key={plan.vertices.map((v) => `${v.id}:${v.parallelism}`).join(',')}
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              defaultEdgeOptions={defaultEdgeOptions}
              nodesConnectable={false}
              fitView
              fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={20} size={1} />
            </ReactFlow>
          </div>
        </ReactFlowProvider>
      )}
    </section>
  );
}
