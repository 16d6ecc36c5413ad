import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/actions/registry';
import { describeShortcut, matches } from '../../src/actions/shortcut';
import { CATALOGUES } from '../../src/i18n';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const actionFor = (event: ReturnType<typeof key>) =>
  ACTIONS.find((a) => a.shortcuts.some((s) => matches(s, event)))?.id;

describe('shortcuts', () => {
  it('map keys to actions: Ctrl and ⌘ alike, Shift distinguishing redo from undo', () => {
    expect(actionFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(actionFor(key('z', { metaKey: true }))).toBe('undo');
    expect(actionFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(actionFor(key('y', { ctrlKey: true }))).toBe('redo');
    expect(actionFor(key('a'))).toBe('add');
    expect(actionFor(key('a', { metaKey: true }))).toBe('select-all');
    expect(actionFor(key('?', { shiftKey: true }))).toBe('help');
    expect(actionFor(key('+', { shiftKey: true }))).toBe('parallelism-up');
    expect(actionFor(key('Backspace'))).toBe('delete');
    expect(actionFor(key('z', { ctrlKey: true, altKey: true }))).toBeUndefined();
    expect(actionFor(key('q'))).toBeUndefined();
  });

  it('no two actions share a shortcut, and every label is in both catalogues', () => {
    const all = ACTIONS.flatMap((a) => a.shortcuts.map((s) => describeShortcut(s, false)));
    expect(new Set(all).size).toBe(all.length);
    for (const action of ACTIONS) {
      expect(CATALOGUES.en[action.label]).toBeTruthy();
      expect(CATALOGUES.zh[action.label]).toBeTruthy();
    }
  });

  it('are written the way the platform writes them', () => {
    expect(describeShortcut({ key: 'z', mod: true, shift: true }, false)).toBe('Ctrl+Shift+Z');
    expect(describeShortcut({ key: 'z', mod: true, shift: true }, true)).toBe('⌘⇧Z');
    expect(describeShortcut({ key: 'ArrowLeft' }, false)).toBe('←');
  });
});
