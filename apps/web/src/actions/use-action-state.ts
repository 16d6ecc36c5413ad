/** Re-renders a view of the registry when what decides an action's enabled state changes. */
import { useEditor } from '../store/app-store';
import { useActionUi } from './ui-store';

export function useActionStateVersion(): void {
  useEditor((s) => s.jobGraph);
  useEditor((s) => s.selection);
  useEditor((s) => s.history);
  useEditor((s) => s.plan);
  useEditor((s) => s.job?.status);
  useEditor((s) => s.submitting);
  useActionUi((s) => s.revision);
}
