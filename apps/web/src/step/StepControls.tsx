import { useT } from '../i18n';
import { useEditor } from '../store/app-store';
import BreakpointEditor from './BreakpointEditor';
import { formatEventTime } from './format';
import {
  advanceProcessingTime,
  pause,
  play,
  resetSession,
  runToBreakpoint,
  setSeed,
  stepBack,
  stepOnce,
  stepToNextWatermark,
} from './stepper';
import { useStep } from './step-store';
import type { Breakpoint } from './breakpoints';
import type { Translate } from '../i18n';

export function describeBreakpoint(t: Translate, breakpoint: Breakpoint): string {
  return breakpoint.type === 'windowFired'
    ? t('step.bp.windowFired')
    : t('step.bp.watermarkPasses', { operator: breakpoint.operatorId, value: formatEventTime(breakpoint.value) });
}

/** The stepper's bar: step, next watermark, run to a breakpoint, run/pause, back, reset, seed, and where it stands. */
export default function StepControls() {
  const t = useT();
  const plan = useEditor((s) => s.plan);
  const { stepCount, busy, playing, ended, stoppedBy, hit, result, error, seed, snapshot } = useStep((s) => s);
  const ready = plan !== null && snapshot !== null;
  const idle = ready && !busy && !playing;
  return (
    <div className="step-controls" data-testid="step-controls">
      <strong className="step-controls__title">{t('step.title')}</strong>
      <button
        type="button"
        className="button"
        data-testid="step-once"
        disabled={!idle || ended}
        onClick={() => void stepOnce()}
      >
        {t('step.step')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="step-next-watermark"
        disabled={!idle || ended}
        onClick={() => void stepToNextWatermark()}
      >
        {t('step.nextWatermark')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="step-run-to-breakpoint"
        disabled={!idle || ended}
        onClick={() => void runToBreakpoint()}
      >
        {t('step.runToBreakpoint')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="step-play"
        disabled={!ready || ended}
        onClick={() => (playing ? pause() : play())}
      >
        {playing ? t('step.pause') : t('step.play')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="step-back"
        disabled={!idle || stepCount === 0}
        onClick={() => void stepBack()}
      >
        {t('step.back')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="step-reset"
        disabled={!idle || stepCount === 0}
        onClick={() => void resetSession()}
      >
        {t('step.reset')}
      </button>
      <label className="toolbar__field">
        <span>{t('step.seed')}</span>
        <input
          type="number"
          className="step-controls__seed"
          value={seed}
          data-testid="step-seed"
          disabled={playing}
          onChange={(e) => {
            const next = Number.parseInt(e.target.value, 10);
            if (Number.isSafeInteger(next)) void setSeed(next);
          }}
        />
      </label>
      <span className="step-controls__count">
        {t('step.count')} <b data-testid="step-count">{stepCount}</b>
      </span>
      {snapshot && (
        <span className="step-controls__time" title={t('step.processingTimeTitle')}>
          {t('step.processingTime')} <b data-testid="step-processing-time">{snapshot.processingTime}</b> ms
        </span>
      )}
      {snapshot && (
        <span className="step-controls__time" title={t('step.timerTimeTitle')}>
          {t('step.timerTime')} <b data-testid="step-timer-time">{snapshot.operatorProcessingTime}</b> ms
        </span>
      )}
      <button
        type="button"
        className="button"
        data-testid="step-advance-processing-time"
        disabled={!idle || ended}
        onClick={() => void advanceProcessingTime()}
      >
        {t('step.advanceProcessingTime')}
      </button>
      {stoppedBy && (
        <span className="step-controls__stopped" data-testid="step-stopped" data-reason={stoppedBy}>
          {stoppedBy === 'breakpoint' && hit
            ? t('step.stopped.breakpoint', { breakpoint: describeBreakpoint(t, hit) })
            : t(`step.stopped.${stoppedBy}`)}
        </span>
      )}
      {result && result.status !== 'RUNNING' && (
        <b className={`status status--${result.status.toLowerCase()}`} data-testid="step-status">
          {result.status}
        </b>
      )}
      <BreakpointEditor />
      {plan === null && (
        <span className="error" data-testid="step-invalid">
          {t('step.invalid')}
        </span>
      )}
      {error && (
        <pre className="error step-controls__error" data-testid="step-error">
          {t('step.error', { reason: error })}
        </pre>
      )}
    </div>
  );
}
