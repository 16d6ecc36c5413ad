/** A real editor store and registry context for tests; the host's browser-only sides record what was asked of them. */
import type { JobGraph } from '@sluice/model';
import { createEditorStore } from '../../src/store/editor';
import type { ActionContext } from '../../src/actions/registry';

export function actionContext(graph: JobGraph): ActionContext & { asked: string[] } {
  const asked: string[] = [];
  const ask = (what: string) => () => void asked.push(what);
  return {
    asked,
    store: createEditorStore(graph),
    clipboard: { fragment: null, pastes: 0 },
    host: {
      openQuickAdd: ask('quickAdd'),
      toggleHelp: ask('help'),
      importFlinkPlan: ask('importFlinkPlan'),
      save: ask('save'),
      copyLink: ask('copyLink'),
      autoLayout: ask('autoLayout'),
      fitView: ask('fitView'),
      run: ask('run'),
      stop: ask('stop'),
      jobActive: () => false,
    },
  };
}
