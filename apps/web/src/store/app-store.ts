/** The app's one editor store, opened on the autosaved graph, or on the `wordcount` example as workshops expect when nothing is saved. */
import { useStore } from 'zustand';
import { EXAMPLES, type JobGraph } from '@sluice/model';
import { autosavedJobGraph } from '../file/autosave';
import { exampleJobGraph } from '../file/example-graph';
import { useLanguage } from '../i18n';
import { usePlots } from '../plots/plots-store';
import { stepStore } from '../step/step-store';
import { createEditorStore, type EditorState } from './editor';
import { forgetPreviousJobOnLoad } from './job-switch';

export const INITIAL_EXAMPLE_ID = 'wordcount';

function initialJobGraph(): JobGraph {
  const saved = autosavedJobGraph();
  if (saved) return saved;
  const example = EXAMPLES.find((e) => e.id === INITIAL_EXAMPLE_ID) ?? EXAMPLES[0];
  return example
    ? exampleJobGraph(example, useLanguage.getState().language)
    : { version: 1, name: 'untitled', operators: [], edges: [] };
}

export const editorStore = createEditorStore(initialJobGraph());

forgetPreviousJobOnLoad(editorStore, {
  resetPlots: () => usePlots.getState().reset(),
  resetBreakpoints: () => stepStore.getState().resetBreakpoints(),
});

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(editorStore, selector);
}
