/**
 * Loading another graph (an example, a file, an import) switches jobs. The editor store forgets the previous
 * job's run itself; the stores kept apart from it (plots, step breakpoints) forget theirs here.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { EditorState } from './editor';

export interface JobScopedStores {
  resetPlots: () => void;
  resetBreakpoints: () => void;
}

/** Subscribes `stores` to graph loads; returns the unsubscribe. */
export function forgetPreviousJobOnLoad(editor: StoreApi<EditorState>, stores: JobScopedStores): () => void {
  return editor.subscribe((state, previous) => {
    if (state.loadedGraphs === previous.loadedGraphs) return;
    stores.resetPlots();
    stores.resetBreakpoints();
  });
}
