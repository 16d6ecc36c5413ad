import { useT } from '../../i18n';
import { describeFailureCause } from '../../failover/failure-cause';
import { useEditor } from '../../store/app-store';
import SinkRecords from './ResultsPanelSinkRecords';

// One shared empty list, so a sink with no records yet keeps the same props between renders.
const NO_RECORDS: readonly unknown[] = [];

/**
 * What reached the collect sinks (one element per record, its JSON as text), printed lines, and a failure's stack.
 * Each selector picks one part of the live job, so the metrics frames that replace the job object do not redraw the panel.
 */
export default function ResultsPanel() {
  const t = useT();
  const hasJob = useEditor((s) => s.job !== null);
  const message = useEditor((s) => s.job?.message ?? null);
  const failure = useEditor((s) => s.job?.failure ?? null);
  const sinks = useEditor((s) => s.job?.sinks);
  const truncated = useEditor((s) => s.job?.sinksTruncated.join('\n') ?? '');
  const printed = useEditor((s) => s.job?.printed);
  const jobError = useEditor((s) => s.jobError);
  const collectSinks = useEditor((s) =>
    s.jobGraph.operators
      .filter((op) => op.kind === 'sink.collect')
      .map((op) => op.id)
      .join('\n'),
  );

  return (
    <section className="panel panel--results" data-testid="results-panel">
      <h2 className="panel-title">{t('panel.results')}</h2>
      {jobError && (
        <p className="error" data-testid="job-error">
          {t('job.submitFailed', { reason: jobError })}
        </p>
      )}
      {message && (
        <p className="hint" data-testid="job-message">
          {message}
        </p>
      )}
      {failure && (
        <div className="failure" data-testid="job-failure">
          <h3>
            {t('job.failure')}
            {failure.vertexId !== undefined && (
              <code>
                {' '}
                {failure.operatorId ?? failure.vertexId}#{failure.subtaskIndex}
              </code>
            )}
          </h3>
          <p data-testid="job-failure-cause" data-cause={failure.cause.kind}>
            {describeFailureCause(t, failure.cause)}
          </p>
          <p className="error" data-testid="job-failure-message">
            {failure.message}
          </p>
          {failure.stack !== '' && (
            <>
              <h4>{t('job.stack')}</h4>
              <pre className="code" data-testid="job-failure-stack">
                {failure.stack}
              </pre>
            </>
          )}
        </div>
      )}
      {!hasJob && <p className="hint">{t('results.noJob')}</p>}
      {hasJob && collectSinks === '' && <p className="hint">{t('results.noSinks')}</p>}
      {sinks &&
        collectSinks !== '' &&
        collectSinks
          .split('\n')
          .map((sinkId) => (
            <SinkRecords
              key={sinkId}
              sinkId={sinkId}
              records={sinks[sinkId] ?? NO_RECORDS}
              truncated={truncated.split('\n').includes(sinkId)}
            />
          ))}
      {printed &&
        Object.entries(printed).map(([sinkId, lines]) => (
          <div key={sinkId} className="sink" data-testid={`printed-${sinkId}`}>
            <h3>
              {t('results.print')} <code>{sinkId}</code>
            </h3>
            <pre className="code">{lines.join('\n')}</pre>
          </div>
        ))}
    </section>
  );
}
