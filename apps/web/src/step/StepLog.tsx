import type { StepEvent } from '@sluice/engine';
import { useT } from '../i18n';
import { formatElement, formatEventTime, formatValue, formatWindow } from './format';
import { useStep } from './step-store';

/** The log shows the latest steps only: a long run has thousands, and the newest are what the user follows. */
const SHOWN = 200;

function whereText(event: StepEvent): string {
  const c = event.channel;
  return c
    ? `${c.sourceVertexId}#${c.producerSubtask} → ${c.targetVertexId}#${c.consumerSubtask}`
    : `${event.vertexId}#${event.subtaskIndex}`;
}

/** One line per step, newest first: what moved, from where to where, and what it made happen. */
export default function StepLog() {
  const t = useT();
  const log = useStep((s) => s.log);
  const shown = log.slice(-SHOWN).reverse();
  return (
    <section className="panel step-log" data-testid="step-log">
      <h2 className="panel-title">
        {t('step.log')} <span className="panel-title__sub">{log.length}</span>
      </h2>
      {log.length === 0 && <p className="hint">{t('step.logEmpty')}</p>}
      <ol className="step-log__list">
        {shown.map((event, i) => (
          <li
            key={event.index}
            className={`step-log__entry step-log__entry--${event.kind} ${i === 0 ? 'step-log__entry--last' : ''}`}
            data-testid="step-log-entry"
          >
            <span className="step-log__index">{event.index}</span>
            <span className={`step-chip step-chip--${event.kind}`}>{formatElement(t, event)}</span>
            <span className="step-log__where">{whereText(event)}</span>
            {event.watermarkAdvanced && (
              <span className="step-log__effect">
                {t('step.advanced', {
                  operator: `${event.watermarkAdvanced.operatorId}#${event.watermarkAdvanced.subtaskIndex}`,
                  watermark: formatEventTime(event.watermarkAdvanced.watermark),
                })}
              </span>
            )}
            {event.firedWindows?.map((w, k) => (
              <span key={k} className="step-log__effect step-log__effect--fired">
                {t('step.fired', {
                  operator: w.operatorId,
                  window: formatWindow(w.start, w.end),
                  value: formatValue(w.value),
                })}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
