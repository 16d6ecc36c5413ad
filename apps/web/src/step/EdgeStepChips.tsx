import { useMemo } from 'react';
import type { EdgeSpec } from '@sluice/model';
import { useT } from '../i18n';
import { useEditor } from '../store/app-store';
import { formatElement } from './format';
import { edgeStepView } from './step-view';
import { useStep } from './step-store';

/** Operators sit close together on most graphs: the lanes hang below the edge, clear of the nodes beside it. */
const LANES_BELOW_LABEL = 72;
/** The next elements the consumer takes; a long queue shows its length instead of covering the canvas. */
const SHOWN_PER_LANE = 6;

/**
 * Under an edge's label while stepping: one lane per busy channel (producer subtask → consumer subtask) with its
 * elements in flight as chips, oldest nearest the consumer, watermarks drawn as markers between records; the
 * element the last step took out of the channel is drawn highlighted past the lane's end, on its way in.
 */
export default function EdgeStepChips({ edge, x, y }: { edge: EdgeSpec; x: number; y: number }) {
  const t = useT();
  const plan = useEditor((s) => s.plan);
  const snapshot = useStep((s) => s.snapshot);
  const lastEvent = useStep((s) => s.log[s.stepCount - 1] ?? null);
  const channels = useMemo(
    () => (plan && snapshot ? edgeStepView(plan, snapshot, edge, lastEvent) : null),
    [plan, snapshot, edge, lastEvent],
  );
  // Empty lanes carry no information and a parallel edge has many (p × c): only busy lanes are drawn.
  const busy = channels?.filter((c) => c.inFlight.length > 0 || c.justTaken !== null) ?? [];
  if (busy.length === 0) return null;
  return (
    <div
      className="step-edge nodrag nopan"
      style={{ transform: `translate(-50%, 0) translate(${x}px, ${y + LANES_BELOW_LABEL}px)` }}
      data-testid={`step-edge-${edge.source}-${edge.target}`}
    >
      {busy.map((c) => (
        <div
          key={`${c.producerSubtask}-${c.consumerSubtask}`}
          className="step-lane"
          data-testid={`step-channel-${edge.source}-${edge.target}-${c.producerSubtask}-${c.consumerSubtask}`}
        >
          <span className="step-lane__label">
            {c.producerSubtask}→{c.consumerSubtask}
          </span>
          {c.inFlight.length > SHOWN_PER_LANE && (
            <span className="step-lane__more" data-testid="step-chips-more">
              {t('step.moreInFlight', { n: c.inFlight.length - SHOWN_PER_LANE })}
            </span>
          )}
          {/* Reversed so the element the consumer takes next sits at the right, nearest the arrow head. */}
          {c.inFlight
            .slice(0, SHOWN_PER_LANE)
            .reverse()
            .map((element, i) => (
              <span
                key={i}
                className={`step-chip step-chip--${element.kind}`}
                data-testid="step-chip"
                data-kind={element.kind}
              >
                {formatElement(t, element)}
              </span>
            ))}
          {c.justTaken && (
            <span
              className={`step-chip step-chip--${c.justTaken.kind} step-chip--taken`}
              title={t('step.justTaken')}
              data-testid="step-chip-taken"
              data-kind={c.justTaken.kind}
            >
              ➜ {formatElement(t, c.justTaken)}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
