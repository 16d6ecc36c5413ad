import { memo, useMemo, useState } from 'react';
import { useT } from '../i18n';
import { BACKPRESSURE_LEVELS } from '@sluice/protocol';
import type { SubtaskTime, VertexBackpressure } from './backpressure';
import { percent } from './format';
import './network.css';
import RatioBar from './RatioBar';
import { COLUMN_HEIGHT, columnAt, subtaskColumnPaths } from './subtask-columns';

/**
 * The per-subtask columns as one SVG (geometry in subtask-columns.ts). Its accessible name lists every
 * subtask's figures; the title follows the column under the pointer.
 */
const SubtaskColumns = memo(function SubtaskColumns({
  operatorId,
  subtasks,
}: {
  operatorId: string;
  subtasks: readonly SubtaskTime[];
}) {
  const t = useT();
  const [hovered, setHovered] = useState<number | null>(null);
  const { width, track, busy, backpressured } = useMemo(() => subtaskColumnPaths(subtasks), [subtasks]);
  const figures = (s: SubtaskTime) =>
    t('network.subtaskTime', {
      subtask: s.subtaskIndex,
      busy: percent(s.busyRatio),
      backpressured: percent(s.backPressuredRatio),
    });
  const shown = hovered === null ? undefined : subtasks[hovered];
  return (
    <svg
      className="op-bp__subtasks"
      viewBox={`0 0 ${width} ${COLUMN_HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={subtasks.map(figures).join('; ')}
      data-testid={`node-subtask-times-${operatorId}`}
      onPointerMove={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        setHovered(box.width > 0 ? columnAt((event.clientX - box.left) / box.width, subtasks.length) : null);
      }}
      onPointerLeave={() => setHovered(null)}
    >
      <title>{shown ? figures(shown) : t('network.subtaskTimeHint')}</title>
      <path className="op-bp__subtask-track" d={track} />
      <path className="op-bp__subtask-busy" d={busy} />
      {BACKPRESSURE_LEVELS.map((level) => (
        <path key={level} className={`op-bp__subtask-bp op-bp__subtask-bp--${level}`} d={backpressured[level]} />
      ))}
    </svg>
  );
});

/**
 * On an operator node: its task's backpressure level and, as bars, how busy and how backpressured it is;
 * with parallelism, one small column per subtask (busy from the bottom, backpressured on top, the gap idle).
 */
export default function OperatorBackpressure({
  operatorId,
  backpressure,
}: {
  operatorId: string;
  backpressure: VertexBackpressure;
}) {
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
      {subtasks.length > 1 && <SubtaskColumns operatorId={operatorId} subtasks={subtasks} />}
    </div>
  );
}
