import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { PartitionFlowEdge } from '../graph/flow';
import EdgeStepChips from '../step/EdgeStepChips';
import EdgeNetworkFigures from '../network/EdgeNetworkFigures';
import { EdgeBarrierLabel, EdgeBarrierMarker } from '../checkpoints/EdgeBarrier';
import { editorStore } from '../store/app-store';
import { useDetailed } from './level-of-detail';
import ProblemText from './ProblemText';

/** A JobGraph edge with its partitioner (and key) as a clickable label; red with its problems when invalid; its live figures only while zoomed in (level-of-detail.ts). */
function PartitionEdgeView(props: EdgeProps<PartitionFlowEdge>) {
  const {
    id,
    source,
    target,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  const detailed = useDetailed();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  if (!data) return null;
  const invalid = data.problems.length > 0;
  const classes = ['edge-label', 'nodrag', 'nopan'];
  if (selected) classes.push('edge-label--selected');
  if (invalid) classes.push('edge-label--invalid');
  if (data.edge.partitioner === undefined) classes.push('edge-label--auto');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={invalid ? 'edge-path--invalid' : selected ? 'edge-path--selected' : ''}
      />
      <EdgeBarrierMarker source={source} target={target} path={path} />
      <EdgeLabelRenderer>
        <div
          className={classes.join(' ')}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-label-${source}-${target}`}
          onClick={() => editorStore.getState().select({ type: 'edge', index: data.index })}
        >
          <span className="edge-label__partitioner">{data.partitioner}</span>
          {data.edge.key && <code className="edge-label__key">{data.edge.key}</code>}
          {data.edge.sideOutput && <span className="edge-label__side">[{data.edge.sideOutput}]</span>}
          {detailed && <EdgeNetworkFigures source={source} target={target} />}
          <EdgeBarrierLabel source={source} target={target} />
          {invalid && (
            <ul className="edge-label__problems" data-testid={`edge-problems-${data.index}`}>
              {data.problems.map((p, i) => (
                <li key={i}>
                  <ProblemText problem={p} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <EdgeStepChips edge={data.edge} x={labelX} y={labelY} />
      </EdgeLabelRenderer>
    </>
  );
}

export default memo(PartitionEdgeView);
