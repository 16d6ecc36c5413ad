import { useState } from 'react';
import { signalTaskManager, type TaskManagerSignal } from '../../api/rest';
import { useT } from '../../i18n';
import TaskManagerBufferPool from '../../network/TaskManagerBufferPool';
import { slotsTaken } from '../../runtime/cluster';
import { useEditor } from '../../store/app-store';

/** Every TaskManager with its slots and the subtasks (vertex#index) each slot runs, live. */
export default function ClusterPanel() {
  const t = useT();
  const cluster = useEditor((s) => s.cluster);
  const clusterError = useEditor((s) => s.clusterError);
  const slotsPeak = useEditor((s) => s.slotsPeak);
  const job = useEditor((s) => s.job);
  const taskManagers = Object.values(cluster).sort((a, b) => a.taskManagerId.localeCompare(b.taskManagerId));
  const vertexName = (vertexId: string) =>
    job?.executionGraph.vertices.find((v) => v.id === vertexId)?.name ?? vertexId;
  // What the panel sent each TaskManager, and a refused request: the cluster's events tell the rest (lost, replaced).
  const [signalled, setSignalled] = useState<Record<string, TaskManagerSignal>>({});
  const [signalError, setSignalError] = useState<string | null>(null);
  const send = (taskManagerId: string, signal: TaskManagerSignal) => {
    setSignalError(null);
    signalTaskManager(taskManagerId, signal).then(
      () => setSignalled((previous) => ({ ...previous, [taskManagerId]: signal })),
      (error: unknown) =>
        setSignalError(
          t('cluster.signalFailed', {
            id: taskManagerId,
            reason: error instanceof Error ? error.message : String(error),
          }),
        ),
    );
  };

  return (
    <section className="panel panel--cluster" data-testid="cluster-panel">
      <h2 className="panel-title">{t('panel.cluster')}</h2>
      <p className="cluster__counts">
        {t('cluster.slotsTaken')}: <b data-testid="slots-taken">{slotsTaken(cluster)}</b>
        {job && (
          <>
            {' · '}
            {t('cluster.slotsPeak')}: <b data-testid="slots-peak">{slotsPeak}</b>
          </>
        )}
      </p>
      {clusterError && <p className="error">{t('cluster.unreachable', { reason: clusterError })}</p>}
      {taskManagers.length === 0 && !clusterError && <p className="hint">{t('cluster.none')}</p>}
      {signalError && (
        <p className="error" data-testid="taskmanager-signal-error">
          {signalError}
        </p>
      )}
      <div className="cluster">
        {taskManagers.map((tm) => (
          <div
            key={tm.taskManagerId}
            className={`taskmanager ${tm.lost ? 'taskmanager--lost' : ''}`}
            data-testid={`taskmanager-${tm.taskManagerId}`}
            data-lost={tm.lost}
          >
            <h3>
              {t('cluster.taskManager', { id: tm.taskManagerId })}{' '}
              {tm.lost && (
                <span
                  className="status status--failed"
                  data-testid={`taskmanager-lost-${tm.taskManagerId}`}
                  title={tm.lostReason ?? undefined}
                >
                  {t('cluster.lost')}
                </span>
              )}
            </h3>
            {tm.lost && tm.lostReason && <p className="hint taskmanager__reason">{tm.lostReason}</p>}
            {!tm.lost && signalled[tm.taskManagerId] === 'SIGSTOP' && (
              <p className="hint taskmanager__reason" data-testid={`taskmanager-frozen-${tm.taskManagerId}`}>
                {t('cluster.frozen')}
              </p>
            )}
            {!tm.lost && (
              <p className="taskmanager__actions">
                <button
                  type="button"
                  className="button button--small"
                  data-testid={`taskmanager-kill-${tm.taskManagerId}`}
                  title={t('cluster.killHint')}
                  onClick={() => send(tm.taskManagerId, 'SIGKILL')}
                >
                  {t('cluster.kill')}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  data-testid={`taskmanager-freeze-${tm.taskManagerId}`}
                  title={t('cluster.freezeHint')}
                  disabled={signalled[tm.taskManagerId] === 'SIGSTOP'}
                  onClick={() => send(tm.taskManagerId, 'SIGSTOP')}
                >
                  {t('cluster.freeze')}
                </button>
              </p>
            )}
            <div className="slots">
              {tm.slots.map((slot) => (
                <div
                  key={slot.index}
                  className={`slot ${slot.subtasks.length > 0 ? 'slot--taken' : ''}`}
                  data-testid={`slot-${tm.taskManagerId}-${slot.index}`}
                  data-subtasks={slot.subtasks.length}
                >
                  <span className="slot__index">#{slot.index}</span>
                  {slot.subtasks.length === 0 && <span className="hint">{t('cluster.free')}</span>}
                  {slot.subtasks.map((s) => (
                    <span
                      key={`${s.vertexId}/${s.subtaskIndex}`}
                      className="slot__subtask"
                      title={vertexName(s.vertexId)}
                    >
                      {s.vertexId}#{s.subtaskIndex}
                    </span>
                  ))}
                </div>
              ))}
            </div>
            <TaskManagerBufferPool taskManagerId={tm.taskManagerId} />
          </div>
        ))}
      </div>
    </section>
  );
}
