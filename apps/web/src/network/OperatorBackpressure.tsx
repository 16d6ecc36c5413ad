import { useT } from '../i18n';
import { backpressureLevel } from '@sluice/protocol';
import type { VertexBackpressure } from './backpressure';
import { percent } from './format';
import './network.css';
import RatioBar from './RatioBar';

/**
 * On an operator node: its task's backpressure level and, as bars, how busy and how backpressured it is;
 * with parallelism, one small column per subtask (busy from the bottom, backpressured on top, the gap idle).
 */
export default function OperatorBackpressure({ operatorId, backpressure }: { operatorId: string; backpressure: VertexBackpressure }) {
  const t = useT();
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
            <span
              key={s.subtaskIndex}
              className="op-bp__subtask"
              title={t('network.subtaskTime', { subtask: s.subtaskIndex, busy: percent(s.busyRatio), backpressured: percent(s.backPressuredRatio) })}
              data-testid={`node-subtask-time-${operatorId}-${s.subtaskIndex}`}
            >
              <span className="op-bp__subtask-busy" style={{ height: percent(s.busyRatio) }} />
              <span className={`op-bp__subtask-bp op-bp__subtask-bp--${backpressureLevel(s.backPressuredRatio)}`} style={{ height: percent(s.backPressuredRatio) }} />
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
