import { useRef, useState } from 'react';
import { useT } from '../i18n';
import { isTerminal } from '../runtime/live-job';
import { resumeFromSavepoint, startSavepoint } from '../runtime/session';
import { useEditor } from '../store/app-store';
import { canStartSavepoint, type SavepointOperation } from './savepoint-operation';

/** Where the operation the panel follows is: asked for, in progress, or why it failed (a completed one shows its location below). */
function OperationStatus({ operation }: { operation: SavepointOperation }) {
  const t = useT();
  const kind = t(operation.kind === 'stop' ? 'savepoints.kindStop' : 'savepoints.kindTrigger');
  const text =
    operation.phase === 'requesting'
      ? t('savepoints.requesting', { kind })
      : operation.phase === 'in-progress'
        ? t('savepoints.inProgress', { kind })
        : operation.phase === 'completed'
          ? t('savepoints.completed', { kind })
          : t('savepoints.failed', { kind, reason: operation.reason });
  return (
    <p
      className={operation.phase === 'failed' ? 'error' : 'hint'}
      data-testid="savepoint-status"
      data-phase={operation.phase}
    >
      {text}
    </p>
  );
}

/** The savepoint's folder, selectable and copied with one click (the clipboard may be refused: the text is then selected). */
function Location({ location }: { location: string }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    input.current?.select();
    navigator.clipboard?.writeText(location).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <p className="checkpoints__savepoint-location">
      <label>
        {t('savepoints.location')}{' '}
        <input
          ref={input}
          readOnly
          value={location}
          data-testid="savepoint-location"
          onFocus={(e) => e.currentTarget.select()}
          onChange={() => setCopied(false)}
        />
      </label>{' '}
      <button type="button" className="button" data-testid="savepoint-copy" onClick={copy}>
        {copied ? t('savepoints.copied') : t('savepoints.copy')}
      </button>
    </p>
  );
}

/**
 * Savepoints of the job (§7): trigger one or stop with one while it runs, follow the operation, and resume the graph
 * on the canvas (whose parallelism may have changed) from the newest savepoint of the session.
 */
export default function SavepointControls() {
  const t = useT();
  const jobStatus = useEditor((s) => s.job?.status ?? null);
  const operation = useEditor((s) => s.savepoint);
  const location = useEditor((s) => s.savepointLocation);
  const runnable = useEditor((s) => s.plan !== null && !s.submitting);
  const serverProblems = useEditor((s) => s.serverProblems);
  const running = jobStatus !== null && !isTerminal(jobStatus);
  const canStart = canStartSavepoint(operation, jobStatus);
  // The Dispatcher's reasons for not starting from the savepoint (e.g. a changed maxParallelism), by field.
  const rejected = location === null ? [] : serverProblems.filter((p) => p.path.startsWith('query.savepointPath'));
  if (!running && operation === null && location === null) return null;
  return (
    <div className="checkpoints__savepoints" data-testid="savepoints">
      <h3 className="checkpoints__section">{t('savepoints.title')}</h3>
      {running && (
        <p className="checkpoints__savepoint-actions">
          <button
            type="button"
            className="button"
            data-testid="savepoint-trigger"
            disabled={!canStart}
            title={t('savepoints.triggerHint')}
            onClick={() => void startSavepoint('trigger')}
          >
            {t('savepoints.trigger')}
          </button>{' '}
          <button
            type="button"
            className="button"
            data-testid="savepoint-stop"
            disabled={!canStart}
            title={t('savepoints.stopHint')}
            onClick={() => void startSavepoint('stop')}
          >
            {t('savepoints.stop')}
          </button>
        </p>
      )}
      {operation && <OperationStatus operation={operation} />}
      {location !== null && (
        <>
          <Location location={location} />
          <p>
            <button
              type="button"
              className="button button--primary"
              data-testid="savepoint-resume"
              disabled={!runnable || running}
              title={running ? t('savepoints.resumeWhileRunning') : undefined}
              onClick={() => void resumeFromSavepoint()}
            >
              {t('savepoints.resume')}
            </button>{' '}
            <span className="hint">{t('savepoints.resumeHint')}</span>
          </p>
        </>
      )}
      {rejected.length > 0 && (
        <div className="error" data-testid="savepoint-resume-rejected">
          {t('savepoints.resumeRejected')}
          <ul className="problems">
            {rejected.map((p, i) => (
              <li key={i} data-testid="savepoint-resume-problem">
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
