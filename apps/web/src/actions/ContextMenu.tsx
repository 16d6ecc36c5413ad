import { useCallback, type MouseEvent as ReactMouseEvent } from 'react';
import { useT } from '../i18n';
import { editorStore } from '../store/app-store';
import { browserActionContext } from './browser-context';
import { ACTIONS } from './registry';
import { runFromUi } from './run-from-ui';
import { selectedOperatorIds } from './selection';
import { describeShortcut, isMac } from './shortcut';
import { useActionStateVersion } from './use-action-state';
import { actionUi, useActionUi } from './ui-store';

/** The canvas's right-click menu: every action of the registry, greyed out where it does not apply. */
function ContextMenu({ x, y }: { x: number; y: number }) {
  const t = useT();
  useActionStateVersion();
  const mac = isMac();
  const close = () => actionUi.setState({ contextMenu: null });
  return (
    <>
      <div className="context-menu__backdrop" onClick={close} onContextMenu={(e) => (e.preventDefault(), close())} />
      <ul className="context-menu" role="menu" data-testid="context-menu" style={{ left: x, top: y }}>
        {ACTIONS.map((action) => (
          <li key={action.id} role="none">
            <button
              type="button"
              role="menuitem"
              data-testid={`context-menu-${action.id}`}
              disabled={!action.enabled(browserActionContext)}
              onClick={() => {
                close();
                runFromUi(action);
              }}
            >
              <span>{t(action.label)}</span>
              {action.shortcuts[0] && <kbd>{describeShortcut(action.shortcuts[0], mac)}</kbd>}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** For the canvas: a right-click handler (on a node, it acts on that node unless it is already selected) and the menu. */
export function useContextMenu() {
  const menu = useActionUi((s) => s.contextMenu);
  const openContextMenu = useCallback((event: ReactMouseEvent | MouseEvent, operatorId?: string) => {
    event.preventDefault();
    const { selection, select } = editorStore.getState();
    if (operatorId !== undefined && !selectedOperatorIds(selection).includes(operatorId))
      select({ type: 'operator', id: operatorId });
    actionUi.setState({ contextMenu: { x: event.clientX, y: event.clientY }, help: false, quickAdd: false });
  }, []);
  return { openContextMenu, contextMenu: menu ? <ContextMenu x={menu.x} y={menu.y} /> : null };
}
