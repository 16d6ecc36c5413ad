import { useMemo } from 'react';
import { useT } from '../i18n';
import { useEditor } from '../store/app-store';
import { formatEventTime, formatValue, formatWindow } from './format';
import { operatorStepView } from './step-view';
import { useStep } from './step-store';

/**
 * Inside an operator node while stepping: per subtask its watermark and each input channel's watermark
 * (the valve's view, §5) on a chain's head, the watermark a chained watermarks operator emitted on that
 * operator, the pending timers, and the open windows with what they hold so far.
 */
export default function NodeStepOverlay({ operatorId }: { operatorId: string }) {
  const t = useT();
  const plan = useEditor((s) => s.plan);
  const snapshot = useStep((s) => s.snapshot);
  const log = useStep((s) => s.log);
  const view = useMemo(
    () => (plan && snapshot ? operatorStepView(plan, snapshot, log, operatorId) : null),
    [plan, snapshot, log, operatorId],
  );
  if (!view) return null;
  return (
    <div className="step-node" data-testid={`step-node-${operatorId}`}>
      {view.subtasks?.map((s) => (
        <div
          key={s.subtaskIndex}
          className={`step-subtask ${s.justMoved ? 'step-subtask--moved' : ''}`}
          data-testid={`step-subtask-${operatorId}-${s.subtaskIndex}`}
        >
          <span className="step-subtask__index">#{s.subtaskIndex}</span>
          <span className="step-wm" title={t('step.watermarkTitle')}>
            {t('step.wm')}{' '}
            <b data-testid={`step-watermark-${operatorId}-${s.subtaskIndex}`}>{formatEventTime(s.watermark)}</b>
          </span>
          {s.inputs.map((input, k) => (
            <span
              key={k}
              className={`step-input ${input.idle ? 'step-input--idle' : ''}`}
              title={input.idle ? t('step.idle') : t('step.active')}
              data-testid={`step-input-watermark-${operatorId}-${s.subtaskIndex}-${k}`}
              data-idle={input.idle}
            >
              {input.producer}: {formatEventTime(input.watermark)}
              {input.idle && ` (${t('step.idle')})`}
            </span>
          ))}
        </div>
      ))}
      {view.emitted.map((e) => (
        <div key={e.subtaskIndex} className="step-subtask">
          <span className="step-subtask__index">#{e.subtaskIndex}</span>
          <span className="step-wm" title={t('step.emittedTitle')}>
            {t('step.wm')}{' '}
            <b data-testid={`step-emitted-watermark-${operatorId}-${e.subtaskIndex}`}>{formatEventTime(e.watermark)}</b>
          </span>
        </div>
      ))}
      {view.timers.length > 0 && (
        <div className="step-timers" data-testid={`step-timers-${operatorId}`}>
          <span className="hint">{t('step.timers')}</span>
          {view.timers.map((timer, i) => (
            <span key={i} className={`step-timer step-timer--${timer.domain}`} title={t(`step.domain.${timer.domain}`)}>
              {formatEventTime(timer.time)}
              {timer.key !== undefined && <span className="hint"> {formatValue(timer.key, 10)}</span>}
            </span>
          ))}
        </div>
      )}
      {view.state.length > 0 && (
        <div className="step-windows" data-testid={`step-state-${operatorId}`}>
          <span className="hint">{t('step.state')}</span>
          {view.state.map((s, i) => (
            <span key={i} className="step-window" title={t(`step.stateKind.${s.kind}`)}>
              <span className="hint">{formatValue(s.key, 10)}</span> {s.name} = <b>{formatValue(s.value)}</b>
            </span>
          ))}
        </div>
      )}
      {view.windows.length > 0 && (
        <div className="step-windows">
          <span className="hint">{t('step.windows')}</span>
          {view.windows.map((w, i) => (
            <span
              key={i}
              className="step-window"
              data-testid={`step-window-${operatorId}`}
              data-start={w.start}
              data-end={w.end}
            >
              {formatWindow(w.start, w.end)}
              {w.key !== null && w.key !== undefined && <span className="hint"> {formatValue(w.key, 10)}</span>} ={' '}
              <b>{formatValue(w.value)}</b>
              <span className="hint"> ({t('step.windowCount', { n: w.count })})</span>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
