/**
 * The editor's files while the app is open: a graph link in the URL is opened first (and removed from the
 * address bar, so a reload shows the autosaved edits made since), and every change is autosaved.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { EditorState } from '../store/editor';
import { actionUi } from '../actions/ui-store';
import { startAutosave } from './autosave';
import { graphFromHash } from './share-link';

export function startFileSession(store: StoreApi<EditorState>): () => void {
  let stopped = false;
  void graphFromHash(location.hash).then((opened) => {
    if (stopped || opened === undefined) return;
    history.replaceState(null, '', location.pathname + location.search);
    if (opened.ok) store.getState().loadJobGraph(opened.jobGraph);
    else
      actionUi.setState({
        notice: {
          kind: 'error',
          message: 'link.broken',
          params: { reason: opened.error === 'not-json' ? opened.reason : `${opened.path} ${opened.reason}` },
        },
      });
  });
  const stopAutosave = startAutosave(store);
  return () => {
    stopped = true;
    stopAutosave();
  };
}
