import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CATALOGUE } from '@sluice/model';
import type { OperatorNode } from '../graph/flow';
import { useT } from '../i18n';
import NodeStepOverlay from '../step/NodeStepOverlay';
import OperatorBackpressure from '../network/OperatorBackpressure';
import { useOperatorBackpressure, useOperatorBackpressureLevel } from '../network/use-network';
import { NodeCheckpoint } from '../checkpoints/SubtaskCheckpoints';
import { useOperatorRuntime, useOperatorState } from '../runtime/live-slice';
import { useDetailed } from './level-of-detail';
import ProblemText from './ProblemText';

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The node's live status and record counts, while zoomed in. */
function NodeRuntime({ operatorId }: { operatorId: string }) {
  const t = useT();
  const runtime = useOperatorRuntime(operatorId);
  if (!runtime) return null;
  return (
    <div className="op-node__runtime">
      <span
        className={`status status--${(runtime.status.state ?? 'none').toLowerCase()}`}
        data-testid={`node-status-${operatorId}`}
      >
        {runtime.status.state ?? '—'}
        {runtime.status.state && runtime.status.parallelism > 1
          ? ` ${runtime.status.inState}/${runtime.status.parallelism}`
          : ''}
      </span>
      {runtime.chain.chainedInto === null ? (
        <span className="op-node__records">
          {t('node.recordsIn')}{' '}
          <b data-testid={`node-records-in-${operatorId}`}>{formatCount(runtime.chain.records.recordsIn)}</b> ·{' '}
          {t('node.recordsOut')}{' '}
          <b data-testid={`node-records-out-${operatorId}`}>{formatCount(runtime.chain.records.recordsOut)}</b>
        </span>
      ) : (
        <span className="op-node__chained" data-testid={`node-chained-${operatorId}`}>
          {t('node.chainedInto', { head: runtime.chain.chainedInto })}
        </span>
      )}
    </div>
  );
}

/** The node's backpressure block, while zoomed in. */
function NodeBackpressure({ operatorId }: { operatorId: string }) {
  const backpressure = useOperatorBackpressure(operatorId);
  return backpressure && <OperatorBackpressure operatorId={operatorId} backpressure={backpressure} />;
}

/**
 * One logical operator: kind, name, parallelism, and while the job runs its status and record counts. The node
 * itself reads only its vertex's state and backpressure level (its colours), which rarely change; the figures
 * that move with every metrics frame are its children's, and zoomed out (level-of-detail.ts) they are left out.
 */
function OperatorNodeView({ data, selected }: NodeProps<OperatorNode>) {
  const t = useT();
  const { operator, problems } = data;
  const state = useOperatorState(operator.id);
  const level = useOperatorBackpressureLevel(operator.id);
  const detailed = useDetailed();
  const role = CATALOGUE[operator.kind].role;
  const classes = ['op-node', `op-node--${role}`];
  if (selected) classes.push('op-node--selected');
  if (problems.length > 0) classes.push('op-node--invalid');
  if (state) classes.push(`op-node--${state.toLowerCase()}`);
  if (level) classes.push(`op-node--bp-${level}`);
  return (
    <div className={classes.join(' ')}>
      {role !== 'source' && <Handle type="target" position={Position.Left} />}
      <div className="op-node__header">
        <span className="op-node__kind">{t(`kind.${operator.kind}`)}</span>
        <span
          className="op-node__parallelism"
          title={t('node.parallelism', { n: operator.parallelism })}
          data-testid={`node-parallelism-${operator.id}`}
        >
          ×{operator.parallelism}
        </span>
      </div>
      <div className="op-node__name">{operator.name ?? operator.id}</div>
      {operator.name !== undefined && <div className="op-node__id">{operator.id}</div>}
      {detailed && <NodeRuntime operatorId={operator.id} />}
      {detailed && <NodeBackpressure operatorId={operator.id} />}
      <NodeCheckpoint operatorId={operator.id} />
      <NodeStepOverlay operatorId={operator.id} />
      {problems.length > 0 && (
        <ul className="op-node__problems" data-testid={`node-problems-${operator.id}`}>
          {problems.map((p, i) => (
            <li key={i}>
              <ProblemText problem={p} />
            </li>
          ))}
        </ul>
      )}
      {role !== 'sink' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export default memo(OperatorNodeView);
