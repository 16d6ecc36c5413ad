import { useT } from '../i18n';
import './step.css';
import { enterStepMode, exitStepMode } from './stepper';
import { useStep } from './step-store';

/** The toolbar switch between the editor's Run and Step mode. */
export default function StepToggle() {
  const t = useT();
  const active = useStep((s) => s.active);
  return (
    <label className="toolbar__toggle" title={t('step.inBrowser')}>
      <input
        type="checkbox"
        checked={active}
        data-testid="step-mode"
        onChange={() => (active ? exitStepMode() : void enterStepMode())}
      />
      {t('step.toggle')}
    </label>
  );
}
