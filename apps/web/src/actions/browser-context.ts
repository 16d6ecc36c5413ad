/** The ActionContext of the running app: the app's editor store and the browser's side of each action. */
import { editorStore } from '../store/app-store';
import { downloadText } from '../file/download';
import { fileNameFor, serializeJobGraph } from '../file/jobgraph-file';
import { graphHash } from '../file/share-link';
import { isTerminal } from '../runtime/live-job';
import { autoLayoutStore } from '../layout/auto-layout';
import { canvasView } from '../layout/canvas-view';
import { elkWorkerEngine } from '../layout/elk-worker-engine';
import { cancelRunningJob, runJob } from '../runtime/session';
import type { ActionContext } from './registry';
import { actionUi } from './ui-store';

async function copyLink(): Promise<void> {
  const hash = await graphHash(editorStore.getState().jobGraph);
  // The address bar shows the link too, so it can be copied from there when the clipboard is not allowed.
  history.replaceState(null, '', hash);
  try {
    await navigator.clipboard.writeText(location.href);
    actionUi.setState({ notice: { kind: 'ok', message: 'link.copied' } });
  } catch {
    actionUi.setState({ notice: { kind: 'ok', message: 'link.inAddressBar' } });
  }
}

async function autoLayout(): Promise<void> {
  try {
    if (await autoLayoutStore(editorStore, canvasView()?.nodeSizes() ?? {}, elkWorkerEngine())) canvasView()?.fitView();
  } catch (error) {
    actionUi.setState({
      notice: {
        kind: 'error',
        message: 'layout.failed',
        params: { reason: error instanceof Error ? error.message : String(error) },
      },
    });
  }
}

export const browserActionContext: ActionContext = {
  store: editorStore,
  clipboard: { fragment: null, pastes: 0 },
  host: {
    openQuickAdd: () => actionUi.setState({ quickAdd: true, help: false, contextMenu: null }),
    toggleHelp: () => actionUi.setState((s) => ({ help: !s.help, quickAdd: false, contextMenu: null })),
    importFlinkPlan: () => actionUi.setState((s) => ({ flinkImportRequests: s.flinkImportRequests + 1 })),
    save: () => {
      const { jobGraph } = editorStore.getState();
      downloadText(fileNameFor(jobGraph), serializeJobGraph(jobGraph));
    },
    copyLink: () => void copyLink(),
    autoLayout: () => void autoLayout(),
    fitView: () => canvasView()?.fitView(),
    run: () => void runJob(),
    stop: () => void cancelRunningJob(),
    jobActive: () => {
      const { job, submitting } = editorStore.getState();
      return submitting || (job !== null && !isTerminal(job.status));
    },
  },
};
