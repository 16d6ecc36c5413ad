/** The keyboard side of the registry: a key press runs the action whose shortcut it matches. */
import { useEffect } from 'react';
import { browserActionContext } from './browser-context';
import { ACTIONS } from './registry';
import { runFromUi } from './run-from-ui';
import { matches } from './shortcut';
import { actionUi } from './ui-store';

/** Typing into a field is text, not a command (except the undo keys, which fields handle themselves). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      if (event.key === 'Escape') {
        const ui = actionUi.getState();
        if (ui.help || ui.quickAdd || ui.contextMenu)
          actionUi.setState({ help: false, quickAdd: false, contextMenu: null });
        else browserActionContext.store.getState().select(null);
        return;
      }
      const action = ACTIONS.find((a) => a.shortcuts.some((s) => matches(s, event)));
      if (action === undefined) return;
      // The browser's own meaning of the keys (save page, select the page's text) never applies on the canvas.
      event.preventDefault();
      runFromUi(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
