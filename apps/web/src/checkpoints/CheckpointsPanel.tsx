import { Fragment, useState } from 'react';
import type { CheckpointConfigInfo, CheckpointStats, CheckpointingStatistics } from '@sluice/protocol';
import { useT } from '../i18n';
import { bytes, clockTime, duration } from '../network/format';
import { useEditor } from '../store/app-store';
import SavepointControls from './SavepointControls';
import { SubtaskAckTable } from './SubtaskCheckpoints';
import './checkpoints.css';

function Counts({ counts }: { counts: CheckpointingStatistics['counts'] }) {
  const t = useT();
  const figures = [
    ['completed', t('checkpoints.completed'), counts.completed],
    ['in-progress', t('checkpoints.inProgress'), counts.inProgress],
    ['failed', t('checkpoints.failed'), counts.failed],
    ['restored', t('checkpoints.restoredCount'), counts.restored],
  ] as const;
  return (
    <p className="checkpoints__counts">
      {figures.map(([id, label, n]) => (
        <span key={id}>
          {label}: <b data-testid={`checkpoints-${id}`}>{n}</b>
        </span>
      ))}
    </p>
  );
}

function LatestRestored({ restored }: { restored: CheckpointingStatistics['latestRestored'] }) {
  const t = useT();
  const text = !restored
    ? t('checkpoints.restoredNone')
    : t(restored.savepoint ? 'checkpoints.restoredSavepoint' : 'checkpoints.restored', {
        id: restored.id,
        time: clockTime(restored.restoreTimestamp),
        path: restored.path,
      });
  return (
    <p>
      {t('checkpoints.latestRestored')}:{' '}
      <span data-testid="checkpoints-latest-restored" data-checkpoint={restored?.id ?? ''}>
        {text}
      </span>
    </p>
  );
}

/** One row's subtasks: who acknowledged, how long after the trigger, how long its barriers took to align, how much state. */
function SubtaskDetails({ row, vertexName }: { row: CheckpointStats; vertexName: (vertexId: string) => string }) {
  const t = useT();
  return (
    <div className="checkpoints__details" data-testid={`checkpoint-subtasks-${row.id}`}>
      {row.path && <p className="hint">{t('checkpoints.path', { path: row.path })}</p>}
      {row.failureReason && (
        <p className="error" data-testid={`checkpoint-failure-${row.id}`} data-failure-reason={row.failureReason}>
          {t('checkpoints.failure', { name: row.failureReason, reason: row.failureMessage ?? '' })}
        </p>
      )}
      <SubtaskAckTable
        checkpoint={row}
        subtasks={row.subtasks}
        name={(s) => <span title={vertexName(s.vertexId)}>{`${s.vertexId}#${s.subtaskIndex}`}</span>}
        testId={(s) => `checkpoint-subtask-${row.id}-${s.vertexId}-${s.subtaskIndex}`}
      />
    </div>
  );
}

function History({ history, vertexName }: { history: CheckpointStats[]; vertexName: (vertexId: string) => string }) {
  const t = useT();
  const [expanded, setExpanded] = useState<number | null>(null);
  if (history.length === 0) return <p className="hint">{t('checkpoints.none')}</p>;
  return (
    <>
      <table className="checkpoints__table checkpoints__history" data-testid="checkpoints-history">
        <thead>
          <tr>
            <th>{t('checkpoints.id')}</th>
            <th>{t('checkpoints.status')}</th>
            <th>{t('checkpoints.savepoint')}</th>
            <th>{t('checkpoints.triggered')}</th>
            <th>{t('checkpoints.duration')}</th>
            <th>{t('checkpoints.size')}</th>
            <th>{t('checkpoints.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((row) => (
            <Fragment key={row.id}>
              <tr
                className={`checkpoints__row checkpoints__row--${row.status.toLowerCase()}`}
                data-testid={`checkpoint-${row.id}`}
                data-status={row.status}
                aria-expanded={expanded === row.id}
                onClick={() => setExpanded(expanded === row.id ? null : row.id)}
              >
                <td>{row.id}</td>
                <td
                  className={`status status--${row.status === 'COMPLETED' ? 'finished' : row.status === 'FAILED' ? 'failed' : 'running'}`}
                >
                  {row.status}
                </td>
                <td>{row.savepoint ? t('checkpoints.yes') : t('checkpoints.no')}</td>
                <td>{clockTime(row.triggerTimestamp)}</td>
                <td>{row.durationMs === null ? '—' : duration(row.durationMs)}</td>
                <td>{bytes(row.stateSizeBytes)}</td>
                <td data-testid={`checkpoint-acknowledged-${row.id}`}>
                  {row.subtasksAcknowledged}/{row.subtasksTotal}
                </td>
              </tr>
              {expanded === row.id && (
                <tr>
                  <td colSpan={7}>
                    <SubtaskDetails row={row} vertexName={vertexName} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('checkpoints.expandHint')}</p>
    </>
  );
}

function Configuration({ config }: { config: CheckpointConfigInfo }) {
  const t = useT();
  const entries = [
    ['mode', t('checkpoints.mode'), config.mode],
    ['interval', t('checkpoints.interval'), duration(config.intervalMs)],
    ['timeout', t('checkpoints.timeout'), duration(config.timeoutMs)],
    ['min-pause', t('checkpoints.minPause'), duration(config.minPauseMs)],
    ['max-concurrent', t('checkpoints.maxConcurrent'), String(config.maxConcurrentCheckpoints)],
    ['unaligned', t('checkpoints.unaligned'), config.unaligned ? t('checkpoints.yes') : t('checkpoints.no')],
    ['storage-dir', t('checkpoints.storageDir'), config.storageDir],
    ['retained', t('checkpoints.retained'), String(config.retainedCheckpoints)],
    ['restart-strategy', t('checkpoints.restartStrategy'), config.restartStrategy],
  ] as const;
  return (
    <dl className="checkpoints__config" data-testid="checkpoints-config">
      {entries.map(([id, label, value]) => (
        <Fragment key={id}>
          <dt>{label}</dt>
          <dd data-testid={`checkpoints-config-${id}`}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Flink's checkpoints tab for the job: counts, what the attempt restored, the history newest first, the configuration. */
export default function CheckpointsPanel() {
  const t = useT();
  const statistics = useEditor((s) => s.job?.checkpoints ?? null);
  const executionGraph = useEditor((s) => s.job?.executionGraph ?? null);
  const vertexName = (vertexId: string) => executionGraph?.vertices.find((v) => v.id === vertexId)?.name ?? vertexId;
  return (
    <section className="panel panel--checkpoints" data-testid="checkpoints-panel">
      <h2 className="panel-title">{t('panel.checkpoints')}</h2>
      {!statistics && <p className="hint">{t('checkpoints.noJob')}</p>}
      {statistics && (
        <>
          <Counts counts={statistics.counts} />
          <LatestRestored restored={statistics.latestRestored} />
          <SavepointControls />
          <h3 className="checkpoints__section">{t('checkpoints.history')}</h3>
          <History history={statistics.history} vertexName={vertexName} />
          <h3 className="checkpoints__section">{t('checkpoints.config')}</h3>
          {statistics.config && <Configuration config={statistics.config} />}
          {!statistics.config && (
            <p className="hint">{t(statistics.snapshotReceived ? 'checkpoints.off' : 'checkpoints.configPending')}</p>
          )}
        </>
      )}
    </section>
  );
}
