import { useMemo } from 'react';
import { useT } from '../i18n';
import { formatValue, formatWindow } from './format';
import { useStep } from './step-store';

/** What event time produced so far: every window firing in order, and what reached the collect sinks. */
export default function StepResultsPanel() {
  const t = useT();
  const log = useStep((s) => s.log);
  const result = useStep((s) => s.result);
  const fired = useMemo(
    () => log.flatMap((event) => (event.firedWindows ?? []).map((w) => ({ step: event.index, ...w }))),
    [log],
  );
  return (
    <section className="panel step-results" data-testid="step-results">
      <h2 className="panel-title">{t('step.firedWindows')}</h2>
      {fired.length === 0 && <p className="hint">{t('step.noFired')}</p>}
      <ol className="step-results__fired">
        {fired.map((w, i) => (
          <li key={i} data-testid="step-fired" data-operator={w.operatorId} data-start={w.start} data-end={w.end}>
            <span className="step-window">
              {formatWindow(w.start, w.end)}
              {w.key !== null && w.key !== undefined && <span className="hint"> {formatValue(w.key, 12)}</span>} ={' '}
              <b data-testid="step-fired-value">{formatValue(w.value)}</b>
            </span>{' '}
            <span className="hint">{t('step.firedAt', { operator: w.operatorId, step: w.step })}</span>
          </li>
        ))}
      </ol>
      {result?.failure && (
        <div className="failure" data-testid="step-failure">
          <h3>
            {t('job.failure')}{' '}
            {result.failure.vertexId !== undefined && (
              <code>
                {result.failure.operatorId ?? result.failure.vertexId}#{result.failure.subtaskIndex}
              </code>
            )}
          </h3>
          <p className="error" data-testid="step-failure-message">
            {result.failure.message}
          </p>
          <pre className="code">{result.failure.stack}</pre>
        </div>
      )}
      {result &&
        Object.entries(result.sinks).map(([sinkId, records]) => (
          <div key={sinkId} className="sink" data-testid={`step-sink-${sinkId}`}>
            <h3>
              <code>{sinkId}</code> <span className="badge">{t('results.records', { n: records.length })}</span>
            </h3>
            <ol className="records">
              {records.map((record, i) => (
                <li key={i} data-testid="step-sink-record">
                  {JSON.stringify(record)}
                </li>
              ))}
            </ol>
          </div>
        ))}
    </section>
  );
}
