/** Which of the action panels is open (quick add, shortcut help, context menu) and requests to open a file picker. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { MessageKey, MessageParams } from '../i18n';

export interface ActionUiState {
  quickAdd: boolean;
  help: boolean;
  contextMenu: { x: number; y: number } | null;
  /** Bumped to ask the Flink plan importer to open its file picker (a keyboard shortcut has no file input). */
  flinkImportRequests: number;
  /** What the last action reported (a link copied...), for the toolbar's notice. */
  notice: { kind: 'ok' | 'error'; message: MessageKey; params?: MessageParams } | null;
  /** Bumped after every action run from the UI: the clipboard is not in any store, yet Paste's enabled state follows it. */
  revision: number;
}

export const actionUi = createStore<ActionUiState>()(() => ({
  quickAdd: false,
  help: false,
  contextMenu: null,
  flinkImportRequests: 0,
  notice: null,
  revision: 0,
}));

export function useActionUi<T>(selector: (state: ActionUiState) => T): T {
  return useStore(actionUi, selector);
}
