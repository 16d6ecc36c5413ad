import { useMemo, type ReactNode } from 'react';
import type { CheckpointStats } from '@sluice/protocol';
import { useT } from '../i18n';
import { bytes, duration } from '../network/format';
import { useEditor } from '../store/app-store';
import { vertexCheckpoint, type VertexCheckpoint } from './barriers';
import './checkpoints.css';

/** The vertex (chain) that runs the operator: its subtasks are what acknowledges checkpoints. */
function useVertexCheckpoint(operatorId: string, headOnly: boolean): VertexCheckpoint | null {
  const plan = useEditor((s) => s.job?.executionGraph ?? null);
  const checkpoints = useEditor((s) => s.job?.checkpoints ?? null);
  return useMemo(() => {
    const vertex = plan?.vertices.find((v) => (headOnly ? v.id === operatorId : v.operators.includes(operatorId)));
    return vertex && checkpoints ? vertexCheckpoint(checkpoints, vertex.id) : null;
  }, [plan, checkpoints, operatorId, headOnly]);
}

function summary(view: VertexCheckpoint) {
  const acked = view.subtasks.filter((s) => s.acknowledged);
  return {
    acked: acked.length,
    total: view.subtasks.length,
    alignment: duration(Math.max(0, ...acked.map((s) => s.alignmentDurationMs ?? 0))),
    size: bytes(acked.reduce((sum, s) => sum + (s.stateSizeBytes ?? 0), 0)),
  };
}

/**
 * On the node of a chain's head: the newest checkpoint its subtasks take part in, one mark per subtask, filled
 * once it acknowledged (its barriers aligned, its state written). The other operators of the chain share these.
 */
export function NodeCheckpoint({ operatorId }: { operatorId: string }) {
  const t = useT();
  const view = useVertexCheckpoint(operatorId, true);
  if (!view) return null;
  const { checkpoint, subtasks } = view;
  const figures = summary(view);
  return (
    <div
      className={`op-checkpoint op-checkpoint--${checkpoint.status.toLowerCase()}`}
      data-testid={`node-checkpoint-${operatorId}`}
      data-checkpoint={checkpoint.id}
      data-status={checkpoint.status}
      data-acknowledged={figures.acked}
      title={t('checkpoints.nodeHint', { id: checkpoint.id, status: checkpoint.status, ...figures })}
    >
      <span className="op-checkpoint__id">{t('checkpoints.nodeLabel', { id: checkpoint.id })}</span>
      <span className="op-checkpoint__subtasks">
        {subtasks.map((s) => (
          <span
            key={s.subtaskIndex}
            className={`op-checkpoint__subtask ${s.acknowledged ? 'op-checkpoint__subtask--acked' : ''}`}
            data-testid={`node-checkpoint-subtask-${operatorId}-${s.subtaskIndex}`}
            data-acknowledged={s.acknowledged}
          />
        ))}
      </span>
      <span className="op-checkpoint__figures">
        {figures.acked}/{figures.total} · {figures.size}
      </span>
    </div>
  );
}

type SubtaskStats = CheckpointStats['subtasks'][number];

/**
 * One row per subtask of a checkpoint: how long after the trigger it acknowledged, how long its barriers took to
 * align, how much state it wrote. The checkpoints panel and the inspector both draw it.
 */
export function SubtaskAckTable({
  checkpoint,
  subtasks,
  name,
  testId,
}: {
  checkpoint: CheckpointStats;
  subtasks: readonly SubtaskStats[];
  name: (s: SubtaskStats) => ReactNode;
  testId: (s: SubtaskStats) => string;
}) {
  const t = useT();
  return (
    <table className="checkpoints__table">
      <thead>
        <tr>
          <th>{t('checkpoints.subtask')}</th>
          <th>{t('checkpoints.ackAfter')}</th>
          <th>{t('checkpoints.alignment')}</th>
          <th>{t('checkpoints.size')}</th>
        </tr>
      </thead>
      <tbody>
        {subtasks.map((s) => (
          <tr key={`${s.vertexId}#${s.subtaskIndex}`} data-testid={testId(s)} data-acknowledged={s.acknowledged}>
            <td>{name(s)}</td>
            <td>
              {s.ackTimestamp === null
                ? t('checkpoints.pending')
                : duration(s.ackTimestamp - checkpoint.triggerTimestamp)}
            </td>
            <td>{s.alignmentDurationMs === null ? '—' : duration(s.alignmentDurationMs)}</td>
            <td>{s.stateSizeBytes === null ? '—' : bytes(s.stateSizeBytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** In the inspector of a selected operator: what each subtask of its task did in the newest checkpoint. */
export function InspectorCheckpoint({ operatorId }: { operatorId: string }) {
  const t = useT();
  const view = useVertexCheckpoint(operatorId, false);
  if (!view) return null;
  const { checkpoint, subtasks } = view;
  return (
    <section data-testid="inspector-checkpoint" data-checkpoint={checkpoint.id}>
      <h3 className="inspector__section">
        {t('checkpoints.inspector', { id: checkpoint.id, status: checkpoint.status })}
      </h3>
      <SubtaskAckTable
        checkpoint={checkpoint}
        subtasks={subtasks}
        name={(s) => `#${s.subtaskIndex}`}
        testId={(s) => `inspector-checkpoint-subtask-${s.subtaskIndex}`}
      />
    </section>
  );
}
