import { useT } from '../i18n';
import type { VertexBackpressure } from './backpressure';
import { percent } from './format';
import './network.css';
import RatioBar from './RatioBar';

/** On an operator node: its task's backpressure level and, as bars, how busy and how backpressured it is. */
export default function OperatorBackpressure({ operatorId, backpressure }: { operatorId: string; backpressure: VertexBackpressure }) {
  const t = useT();
  const { level, busyRatio, backPressuredRatio, worstSubtask } = backpressure;
  const tone = level.toLowerCase();
  return (
    <div className="op-bp" data-testid={`node-backpressure-${operatorId}`} data-level={level}>
      <span className={`op-bp__level op-bp__level--${tone}`} title={t('network.levelHint', { subtask: worstSubtask })}>
        {t('network.backpressure')} <b data-testid={`node-backpressure-level-${operatorId}`}>{level}</b>
      </span>
      <span className="op-bp__row">
        <span className="op-bp__label">{t('network.busy')}</span>
        <RatioBar ratio={busyRatio} tone="busy" title={t('network.busyHint')} />
        <b data-testid={`node-busy-${operatorId}`}>{percent(busyRatio)}</b>
      </span>
      <span className="op-bp__row">
        <span className="op-bp__label">{t('network.backpressured')}</span>
        <RatioBar ratio={backPressuredRatio} tone={tone} title={t('network.backpressuredHint')} />
        <b data-testid={`node-backpressured-${operatorId}`}>{percent(backPressuredRatio)}</b>
      </span>
    </div>
  );
}
