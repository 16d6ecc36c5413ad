import { useState } from 'react';
import { useT } from '../i18n';
import { useEditor } from '../store/app-store';
import { formatEventTime } from './format';
import { stepStore, useStep } from './step-store';

const WINDOW_FIRED = { type: 'windowFired' } as const;

/** Breakpoints: "a window fires" on or off, and any number of "the watermark of operator X passes V". */
export default function BreakpointEditor() {
  const t = useT();
  const operators = useEditor((s) => s.jobGraph.operators);
  const breakpoints = useStep((s) => s.breakpoints);
  const [operatorId, setOperatorId] = useState('');
  const [value, setValue] = useState('');
  const onWindowFired = breakpoints.some((b) => b.type === 'windowFired');
  // Until the user picks one, the first window: its watermark is the one that fires results.
  const chosen = operators.some((op) => op.id === operatorId)
    ? operatorId
    : ((operators.find((op) => op.kind === 'window') ?? operators[0])?.id ?? '');
  const parsed = Number.parseInt(value, 10);
  const valid = chosen !== '' && value.trim() !== '' && Number.isSafeInteger(parsed);

  return (
    <span className="step-breakpoints" data-testid="breakpoints">
      <span className="hint">{t('step.breakpoints')}:</span>
      <label className="toolbar__toggle">
        <input
          type="checkbox"
          checked={onWindowFired}
          data-testid="breakpoint-window-fired"
          onChange={() =>
            onWindowFired
              ? stepStore.getState().removeBreakpoint(WINDOW_FIRED)
              : stepStore.getState().addBreakpoint(WINDOW_FIRED)
          }
        />
        {t('step.bp.windowFired')}
      </label>
      <span className="step-breakpoints__add">
        {t('step.bp.watermarkOf')}
        <select value={chosen} data-testid="breakpoint-operator" onChange={(e) => setOperatorId(e.target.value)}>
          {operators.map((op) => (
            <option key={op.id} value={op.id}>
              {op.id}
            </option>
          ))}
        </select>
        {t('step.bp.passes')}
        <input
          type="number"
          className="step-controls__seed"
          value={value}
          data-testid="breakpoint-value"
          onChange={(e) => setValue(e.target.value)}
        />
        <button
          type="button"
          className="button"
          data-testid="breakpoint-add"
          disabled={!valid}
          onClick={() =>
            stepStore.getState().addBreakpoint({ type: 'watermarkPasses', operatorId: chosen, value: parsed })
          }
        >
          {t('step.bp.add')}
        </button>
      </span>
      {breakpoints.map((b) =>
        b.type === 'watermarkPasses' ? (
          <span
            key={`${b.operatorId}:${b.value}`}
            className="step-breakpoints__item"
            data-testid={`breakpoint-${b.operatorId}-${b.value}`}
          >
            {t('step.bp.watermarkPasses', { operator: b.operatorId, value: formatEventTime(b.value) })}
            <button
              type="button"
              className="button button--link"
              data-testid={`breakpoint-remove-${b.operatorId}-${b.value}`}
              onClick={() => stepStore.getState().removeBreakpoint(b)}
            >
              ×
            </button>
          </span>
        ) : null,
      )}
    </span>
  );
}
