/**
 * Autosave: the graph being edited is kept in localStorage and reopened on the next visit, so a closed tab or
 * a reload loses nothing. Only when nothing is saved does the editor open its built-in example.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { JobGraph } from '@sluice/model';
import type { EditorState } from '../store/editor';
import { parseJobGraphFile, serializeJobGraph } from './jobgraph-file';

export const AUTOSAVE_KEY = 'sluice.autosave.jobGraph';
/** Writes wait for a pause in editing: a drag changes the graph every frame. */
const AUTOSAVE_DELAY_MS = 300;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled (privacy mode); the editor still works, it just forgets
  }
}

/** The autosaved graph, or undefined when there is none or it no longer parses as a JobGraph. */
export function autosavedJobGraph(): JobGraph | undefined {
  const text = storage()?.getItem(AUTOSAVE_KEY);
  if (text === null || text === undefined) return undefined;
  const parsed = parseJobGraphFile(text);
  return parsed.ok ? parsed.jobGraph : undefined;
}

/** Saves every graph change after a short pause; returns the unsubscribe. */
export function startAutosave(store: StoreApi<EditorState>): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.jobGraph === previous.jobGraph) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => storage()?.setItem(AUTOSAVE_KEY, serializeJobGraph(store.getState().jobGraph)),
      AUTOSAVE_DELAY_MS,
    );
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
