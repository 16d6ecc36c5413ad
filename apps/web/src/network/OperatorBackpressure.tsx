import { memo } from 'react';
import { translate, useLanguage, useT, type Language } from '../i18n';
import { backpressureLevel } from '@sluice/protocol';
import type { VertexBackpressure } from './backpressure';
import { percent } from './format';
import './network.css';
import RatioBar from './RatioBar';

/**
 * One subtask's column. A node at parallelism 32 has 32 of them and a large graph thousands: each takes only
 * the figures it prints, as strings, so a metrics frame re-renders (and the browser repaints) just the columns
 * whose rounded figures moved.
 */
const SubtaskColumn = memo(function SubtaskColumn({
  operatorId,
  subtaskIndex,
  busy,
  backpressured,
  level,
  language,
}: {
  operatorId: string;
  subtaskIndex: number;
  busy: string;
  backpressured: string;
  level: string;
  language: Language;
}) {
  return (
    <span
      className="op-bp__subtask"
      title={translate(language, 'network.subtaskTime', { subtask: subtaskIndex, busy, backpressured })}
      data-testid={`node-subtask-time-${operatorId}-${subtaskIndex}`}
    >
      <span className="op-bp__subtask-busy" style={{ height: busy }} />
      <span className={`op-bp__subtask-bp op-bp__subtask-bp--${level}`} style={{ height: backpressured }} />
    </span>
  );
});

/**
 * On an operator node: its task's backpressure level and, as bars, how busy and how backpressured it is;
 * with parallelism, one small column per subtask (busy from the bottom, backpressured on top, the gap idle).
 */
export default function OperatorBackpressure({ operatorId, backpressure }: { operatorId: string; backpressure: VertexBackpressure }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { level, busyRatio, backPressuredRatio, worstSubtask, subtasks } = backpressure;
  const shown = level.toUpperCase();
  return (
    <div className="op-bp" data-testid={`node-backpressure-${operatorId}`} data-level={shown}>
      <span className={`op-bp__level op-bp__level--${level}`} title={t('network.levelHint', { subtask: worstSubtask })}>
        {t('network.backpressure')} <b data-testid={`node-backpressure-level-${operatorId}`}>{shown}</b>
      </span>
      <span className="op-bp__row">
        <span className="op-bp__label">{t('network.busy')}</span>
        <RatioBar ratio={busyRatio} tone="busy" title={t('network.busyHint')} />
        <b data-testid={`node-busy-${operatorId}`}>{percent(busyRatio)}</b>
      </span>
      <span className="op-bp__row">
        <span className="op-bp__label">{t('network.backpressured')}</span>
        <RatioBar ratio={backPressuredRatio} tone={level} title={t('network.backpressuredHint')} />
        <b data-testid={`node-backpressured-${operatorId}`}>{percent(backPressuredRatio)}</b>
      </span>
      {subtasks.length > 1 && (
        <span className="op-bp__subtasks" title={t('network.subtaskTimeHint')}>
          {subtasks.map((s) => (
            <SubtaskColumn
              key={s.subtaskIndex}
              operatorId={operatorId}
              subtaskIndex={s.subtaskIndex}
              busy={percent(s.busyRatio)}
              backpressured={percent(s.backPressuredRatio)}
              level={backpressureLevel(s.backPressuredRatio)}
              language={language}
            />
          ))}
        </span>
      )}
    </div>
  );
}
