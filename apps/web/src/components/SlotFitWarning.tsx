import { useT } from '../i18n';
import { useRunTarget } from '../run-target/run-target-store';
import { isTerminal } from '../runtime/live-job';
import { slotShortage } from '../runtime/slot-fit';
import { useEditor } from '../store/app-store';

/** Beside Run: the local cluster has too few free slots for the canvas's plan, and what to do about it. */
export default function SlotFitWarning() {
  const t = useT();
  const plan = useEditor((s) => s.plan);
  const cluster = useEditor((s) => s.cluster);
  const local = useRunTarget((s) => s.target === 'local');
  // While the canvas's own job runs, the slots it holds are not free: the check is for the next Run.
  const running = useEditor((s) => s.job !== null && !isTerminal(s.job.status));
  const shortage = plan && local && !running ? slotShortage(plan, cluster) : null;
  if (!shortage) return null;
  return (
    <span className="toolbar__warning error" role="status" data-testid="slot-fit-warning">
      {t('toolbar.slotShortage', { needed: shortage.needed, free: shortage.free })}
    </span>
  );
}
