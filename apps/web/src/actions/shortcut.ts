/** Keyboard shortcuts: matching a KeyboardEvent, and showing one the way the platform writes it (⌘ on a Mac). */

export interface Shortcut {
  /** KeyboardEvent.key; letters in lower case. */
  key: string;
  /** Ctrl, or ⌘ on a Mac. */
  mod?: boolean;
  shift?: boolean;
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Shift matters for letters and named keys; a symbol such as "?" or "+" already says whether Shift was down. */
const isSymbol = (key: string) => key.length === 1 && !/[a-z0-9]/i.test(key);

export function matches(shortcut: Shortcut, event: KeyEventLike): boolean {
  if (event.altKey || (shortcut.mod ?? false) !== (event.ctrlKey || event.metaKey)) return false;
  if (event.key.toLowerCase() !== shortcut.key.toLowerCase()) return false;
  return isSymbol(shortcut.key) || (shortcut.shift ?? false) === event.shiftKey;
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Delete: 'Del',
  Backspace: '⌫',
  Enter: '↵',
  Escape: 'Esc',
};

export function describeShortcut(shortcut: Shortcut, mac: boolean): string {
  const key = KEY_NAMES[shortcut.key] ?? shortcut.key.toUpperCase();
  const parts = [...(shortcut.mod ? [mac ? '⌘' : 'Ctrl'] : []), ...(shortcut.shift ? [mac ? '⇧' : 'Shift'] : []), key];
  return mac ? parts.join('') : parts.join('+');
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}
