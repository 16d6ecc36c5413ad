import type { JobExceptionsInfo } from '@sluice/protocol';
import { useT, type Translate } from '../i18n';
import { clockTime, duration } from '../network/format';
import type { StatusTransition } from '../runtime/live-job';
import { useEditor } from '../store/app-store';
import { describeFailureCause } from './failure-cause';
import './failover.css';

type Entry = JobExceptionsInfo['entries'][number];

function outcome(t: Translate, entry: Entry): string {
  if (!entry.willRestart) return t('exceptions.jobFails');
  return entry.restoreCheckpointId === null
    ? t('exceptions.restartFromBeginning')
    : t('exceptions.restoreFrom', { id: entry.restoreCheckpointId });
}

/** Each status the job entered, with how long after the first one: the restart a failure caused, at a glance. */
function StatusTimeline({ timeline }: { timeline: StatusTransition[] }) {
  const t = useT();
  if (timeline.length === 0) return null;
  const start = timeline[0]!.timestamp;
  return (
    <ol className="status-timeline" data-testid="job-status-timeline" aria-label={t('exceptions.statusTimeline')}>
      {timeline.map((entry, i) => (
        <li
          key={i}
          className={`status status--${entry.status.toLowerCase()}`}
          data-status={entry.status}
          title={clockTime(entry.timestamp)}
        >
          {entry.status} <small>+{duration(entry.timestamp - start)}</small>
        </li>
      ))}
    </ol>
  );
}

/**
 * A job that failed before any task did (no slots within the slot request timeout) has no exception entry; its
 * failure is the job's own, from its status and details. Saying "no failure so far" beside FAILED would be false.
 */
function JobFailureNote() {
  const t = useT();
  const failed = useEditor((s) => s.job?.status === 'FAILED');
  const failure = useEditor((s) => s.job?.failure ?? null);
  const message = useEditor((s) => s.job?.failure?.message ?? s.job?.message ?? null);
  if (!failed) return <p className="hint">{t('exceptions.none')}</p>;
  return (
    <div className="exception" data-testid="exceptions-job-failure">
      <p className="exception__cause">
        {t('exceptions.jobFailed')}
        {failure && `: ${describeFailureCause(t, failure.cause)}`}
      </p>
      {message !== null && <p className="error">{message}</p>}
    </div>
  );
}

/** Flink's exceptions tab: the job's status timeline, how often it restarted and every failure, newest first, its stack a click away. */
export default function ExceptionsPanel() {
  const t = useT();
  const exceptions = useEditor((s) => s.job?.exceptions ?? null);
  const timeline = useEditor((s) => s.job?.statusTimeline ?? null);
  return (
    <section className="panel panel--exceptions" data-testid="exceptions-panel">
      <h2 className="panel-title">{t('panel.exceptions')}</h2>
      {!exceptions && <p className="hint">{t('exceptions.noJob')}</p>}
      {exceptions && (
        <>
          {timeline && <StatusTimeline timeline={timeline} />}
          <p>
            {t('exceptions.restarts')}: <b data-testid="exceptions-restarts">{exceptions.restarts}</b>
          </p>
          {exceptions.entries.length === 0 && <JobFailureNote />}
          <ol className="exceptions">
            {exceptions.entries.map((entry, i) => (
              <li
                key={`${entry.timestamp}-${exceptions.entries.length - i}`}
                className="exception"
                data-testid="exception"
                data-attempt={entry.attemptNumber}
                data-will-restart={entry.willRestart}
                data-restore-checkpoint={entry.restoreCheckpointId ?? ''}
                data-cause={entry.cause.kind}
              >
                <div className="exception__head">
                  <span>{clockTime(entry.timestamp)}</span>
                  {entry.vertexId !== null && (
                    <span title={t('exceptions.subtask')}>
                      <code>
                        {entry.vertexId}
                        {entry.subtaskIndex !== null && `#${entry.subtaskIndex}`}
                      </code>
                    </span>
                  )}
                  {entry.taskManagerId !== null && (
                    <span>
                      {t('exceptions.taskManager')}{' '}
                      <code data-testid="exception-taskmanager">{entry.taskManagerId}</code>
                    </span>
                  )}
                  <span>
                    {t('exceptions.attempt')} {entry.attemptNumber}
                  </span>
                  <span
                    className={entry.willRestart ? 'exception__outcome' : 'exception__outcome error'}
                    data-testid="exception-outcome"
                  >
                    {t('exceptions.outcome')}: {outcome(t, entry)}
                  </span>
                </div>
                <p className="exception__cause" data-testid="exception-cause">
                  {describeFailureCause(t, entry.cause)}
                </p>
                <p className="error" data-testid="exception-message">
                  {entry.message}
                </p>
                {entry.stack !== '' && (
                  <details>
                    <summary>{t('exceptions.stack')}</summary>
                    <pre className="code" data-testid="exception-stack">
                      {entry.stack}
                    </pre>
                  </details>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
