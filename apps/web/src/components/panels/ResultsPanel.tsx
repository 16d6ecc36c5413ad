import { useT } from '../../i18n';
import { useEditor } from '../../store/app-store';

/** What reached the collect sinks (one element per record, its JSON as text), printed lines, and a failure's stack. */
export default function ResultsPanel() {
  const t = useT();
  const job = useEditor((s) => s.job);
  const jobError = useEditor((s) => s.jobError);
  const collectSinks = useEditor((s) => s.jobGraph.operators.filter((op) => op.kind === 'sink.collect').map((op) => op.id).join('\n'));

  return (
    <section className="panel panel--results" data-testid="results-panel">
      <h2 className="panel-title">{t('panel.results')}</h2>
      {jobError && (
        <p className="error" data-testid="job-error">
          {t('job.submitFailed', { reason: jobError })}
        </p>
      )}
      {job?.message && <p className="hint" data-testid="job-message">{job.message}</p>}
      {job?.failure && (
        <div className="failure" data-testid="job-failure">
          <h3>
            {t('job.failure')}
            {job.failure.vertexId !== undefined && (
              <code>
                {' '}
                {job.failure.operatorId ?? job.failure.vertexId}#{job.failure.subtaskIndex}
              </code>
            )}
          </h3>
          <p className="error" data-testid="job-failure-message">{job.failure.message}</p>
          <h4>{t('job.stack')}</h4>
          <pre className="code" data-testid="job-failure-stack">{job.failure.stack}</pre>
        </div>
      )}
      {!job && <p className="hint">{t('results.noJob')}</p>}
      {job && collectSinks === '' && <p className="hint">{t('results.noSinks')}</p>}
      {job &&
        collectSinks !== '' &&
        collectSinks.split('\n').map((sinkId) => {
          const records = job.sinks[sinkId] ?? [];
          return (
            <div key={sinkId} className="sink" data-testid={`sink-${sinkId}`}>
              <h3>
                <code>{sinkId}</code> <span className="badge" data-testid={`sink-count-${sinkId}`}>{t('results.records', { n: records.length })}</span>
              </h3>
              {records.length === 0 && <p className="hint">{t('results.empty')}</p>}
              <ol className="records">
                {records.map((record, i) => (
                  <li key={i} data-testid="sink-record">
                    {JSON.stringify(record)}
                  </li>
                ))}
              </ol>
            </div>
          );
        })}
      {job &&
        Object.entries(job.printed).map(([sinkId, lines]) => (
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
