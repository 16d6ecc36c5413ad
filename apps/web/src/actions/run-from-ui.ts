/** Runs a registry action from a button, menu item or key in the app, and lets every view of the registry update. */
import { browserActionContext } from './browser-context';
import { runAction, type EditorAction } from './registry';
import { actionUi } from './ui-store';

export function runFromUi(action: EditorAction): void {
  runAction(action, browserActionContext);
  actionUi.setState((s) => ({ revision: s.revision + 1 }));
}
