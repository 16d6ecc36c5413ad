/**
 * The one registry of editor actions. The toolbar's action bar, the canvas's context menu, the keyboard and the
 * shortcut help all read it, so an action is defined once: its label, its shortcuts, when it is enabled and what
 * it does. Every edit goes through the store as one undoable step.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../i18n';
import type { EditorState } from '../store/editor';
import { copyFragment, pasteFragment, type GraphFragment } from './clipboard';
import { NUDGE, nudge, stepParallelism } from './graph-actions';
import { operatorSelection, selectedOperatorIds } from './selection';
import type { Shortcut } from './shortcut';
import * as edit from '../graph/edit';

export interface ActionContext {
  store: StoreApi<EditorState>;
  clipboard: Clipboard;
  /** What only the browser can do: open panels and pickers, run the job, download, the system clipboard. */
  host: ActionHost;
}

export interface Clipboard {
  fragment: GraphFragment | null;
  /** Pastes of this fragment so far: each lands one offset further, so repeated pastes do not stack. */
  pastes: number;
}

export interface ActionHost {
  openQuickAdd: () => void;
  toggleHelp: () => void;
  importFlinkPlan: () => void;
  save: () => void;
  copyLink: () => void;
  /** ELK's layered layout of the graph, computed off the main thread; applied as one undoable edit when it arrives. */
  autoLayout: () => void;
  fitView: () => void;
  run: () => void;
  stop: () => void;
  /** Whether a job is submitting or running, so Run and Stop know which one applies. */
  jobActive: () => boolean;
}

export type ActionGroup = 'edit' | 'clipboard' | 'view' | 'file' | 'job';

export interface EditorAction {
  id: string;
  label: MessageKey;
  group: ActionGroup;
  shortcuts: readonly Shortcut[];
  enabled: (ctx: ActionContext) => boolean;
  run: (ctx: ActionContext) => void;
}

const selectedIds = ({ store }: ActionContext) => selectedOperatorIds(store.getState().selection);
const hasOperators = (ctx: ActionContext) => selectedIds(ctx).length > 0;
const always = () => true;

function applyToSelection(
  ctx: ActionContext,
  change: (graph: EditorState['jobGraph'], ids: string[]) => EditorState['jobGraph'],
) {
  const { jobGraph, selection, applyGraphEdit } = ctx.store.getState();
  applyGraphEdit(change(jobGraph, selectedIds(ctx)), selection);
}

function paste(ctx: ActionContext, fragment: GraphFragment, times: number) {
  const { jobGraph, applyGraphEdit } = ctx.store.getState();
  const pasted = pasteFragment(jobGraph, fragment, times);
  applyGraphEdit(pasted.graph, operatorSelection(pasted.ids));
}

function deleteSelection(ctx: ActionContext) {
  const { jobGraph, selection, applyGraphEdit } = ctx.store.getState();
  const edges = selection?.type === 'edge' ? [selection.index] : [];
  applyGraphEdit(edit.removeElements(jobGraph, selectedIds(ctx), edges), null);
}

function copy(ctx: ActionContext) {
  ctx.clipboard.fragment = copyFragment(ctx.store.getState().jobGraph, selectedIds(ctx));
  ctx.clipboard.pastes = 0;
}

const move = (id: string, label: MessageKey, key: string, dx: number, dy: number): EditorAction => ({
  id,
  label,
  group: 'edit',
  shortcuts: [{ key }],
  enabled: hasOperators,
  run: (ctx) => applyToSelection(ctx, (graph, ids) => nudge(graph, ids, dx, dy)),
});

/**
 * Walks the operators in graph order, so the keyboard reaches every one; the extending variant adds the next one to
 * the selection instead, so two operators can be selected (and connected) without a mouse.
 */
const selectStep = (id: string, label: MessageKey, key: string, direction: 1 | -1, extend: boolean): EditorAction => ({
  id,
  label,
  group: 'clipboard',
  shortcuts: [{ key }],
  enabled: (ctx) => ctx.store.getState().jobGraph.operators.length > 0,
  run: (ctx) => {
    const ids = ctx.store.getState().jobGraph.operators.map((op) => op.id);
    const selected = selectedIds(ctx);
    const from = selected.length === 0 ? (direction === 1 ? -1 : ids.length) : ids.indexOf(selected.at(-1)!);
    const next = ids[(from + direction + ids.length) % ids.length]!;
    ctx.store
      .getState()
      .select(operatorSelection(extend ? [...selected.filter((other) => other !== next), next] : [next]));
  },
});

export const ACTIONS: readonly EditorAction[] = [
  {
    id: 'add',
    label: 'action.add',
    group: 'edit',
    shortcuts: [{ key: 'a' }],
    enabled: always,
    run: (ctx) => ctx.host.openQuickAdd(),
  },
  {
    id: 'connect',
    label: 'action.connect',
    group: 'edit',
    shortcuts: [{ key: 'c' }],
    enabled: (ctx) => {
      const ids = selectedIds(ctx);
      return ids.length === 2 && edit.connectionRefusal(ctx.store.getState().jobGraph, ids[0]!, ids[1]!) === null;
    },
    run: (ctx) => {
      const [source, target] = selectedIds(ctx);
      ctx.store.getState().connect(source!, target!);
    },
  },
  {
    id: 'delete',
    label: 'action.delete',
    group: 'edit',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    enabled: (ctx) => ctx.store.getState().selection !== null,
    run: deleteSelection,
  },
  move('move-left', 'action.moveLeft', 'ArrowLeft', -NUDGE, 0),
  move('move-right', 'action.moveRight', 'ArrowRight', NUDGE, 0),
  move('move-up', 'action.moveUp', 'ArrowUp', 0, -NUDGE),
  move('move-down', 'action.moveDown', 'ArrowDown', 0, NUDGE),
  {
    id: 'parallelism-up',
    label: 'action.parallelismUp',
    group: 'edit',
    shortcuts: [{ key: '+' }, { key: '=' }],
    enabled: hasOperators,
    run: (ctx) => applyToSelection(ctx, (graph, ids) => stepParallelism(graph, ids, 1)),
  },
  {
    id: 'parallelism-down',
    label: 'action.parallelismDown',
    group: 'edit',
    shortcuts: [{ key: '-' }],
    enabled: hasOperators,
    run: (ctx) => applyToSelection(ctx, (graph, ids) => stepParallelism(graph, ids, -1)),
  },
  {
    id: 'undo',
    label: 'action.undo',
    group: 'edit',
    shortcuts: [{ key: 'z', mod: true }],
    enabled: (ctx) => ctx.store.getState().history.past.length > 0,
    run: (ctx) => ctx.store.getState().undo(),
  },
  {
    id: 'redo',
    label: 'action.redo',
    group: 'edit',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    enabled: (ctx) => ctx.store.getState().history.future.length > 0,
    run: (ctx) => ctx.store.getState().redo(),
  },
  {
    id: 'copy',
    label: 'action.copy',
    group: 'clipboard',
    shortcuts: [{ key: 'c', mod: true }],
    enabled: hasOperators,
    run: copy,
  },
  {
    id: 'cut',
    label: 'action.cut',
    group: 'clipboard',
    shortcuts: [{ key: 'x', mod: true }],
    enabled: hasOperators,
    run: (ctx) => {
      copy(ctx);
      deleteSelection(ctx);
      // Cut operators are gone from the canvas: the first paste puts them back where they were.
      ctx.clipboard.pastes = -1;
    },
  },
  {
    id: 'paste',
    label: 'action.paste',
    group: 'clipboard',
    shortcuts: [{ key: 'v', mod: true }],
    enabled: (ctx) => (ctx.clipboard.fragment?.operators.length ?? 0) > 0,
    run: (ctx) => {
      ctx.clipboard.pastes += 1;
      paste(ctx, ctx.clipboard.fragment!, ctx.clipboard.pastes);
    },
  },
  {
    id: 'duplicate',
    label: 'action.duplicate',
    group: 'clipboard',
    shortcuts: [{ key: 'd', mod: true }],
    enabled: hasOperators,
    run: (ctx) => paste(ctx, copyFragment(ctx.store.getState().jobGraph, selectedIds(ctx)), 1),
  },
  {
    id: 'select-all',
    label: 'action.selectAll',
    group: 'clipboard',
    shortcuts: [{ key: 'a', mod: true }],
    enabled: (ctx) => ctx.store.getState().jobGraph.operators.length > 0,
    run: (ctx) =>
      ctx.store.getState().select(operatorSelection(ctx.store.getState().jobGraph.operators.map((op) => op.id))),
  },
  selectStep('select-next', 'action.selectNext', ']', 1, false),
  selectStep('select-previous', 'action.selectPrevious', '[', -1, false),
  selectStep('extend-next', 'action.extendNext', '}', 1, true),
  selectStep('extend-previous', 'action.extendPrevious', '{', -1, true),
  {
    id: 'auto-layout',
    label: 'action.autoLayout',
    group: 'view',
    shortcuts: [{ key: 'l' }],
    enabled: (ctx) => ctx.store.getState().jobGraph.operators.length > 0,
    run: (ctx) => ctx.host.autoLayout(),
  },
  {
    id: 'fit-view',
    label: 'action.fitView',
    group: 'view',
    shortcuts: [{ key: 'f' }],
    enabled: always,
    run: (ctx) => ctx.host.fitView(),
  },
  {
    id: 'save',
    label: 'action.save',
    group: 'file',
    shortcuts: [{ key: 's', mod: true }],
    enabled: always,
    run: (ctx) => ctx.host.save(),
  },
  {
    id: 'import-flink',
    label: 'action.importFlink',
    group: 'file',
    shortcuts: [{ key: 'i', mod: true }],
    enabled: always,
    run: (ctx) => ctx.host.importFlinkPlan(),
  },
  {
    id: 'copy-link',
    label: 'action.copyLink',
    group: 'file',
    shortcuts: [{ key: 'l', mod: true, shift: true }],
    enabled: always,
    run: (ctx) => ctx.host.copyLink(),
  },
  {
    id: 'run',
    label: 'action.run',
    group: 'job',
    shortcuts: [{ key: 'Enter', mod: true }],
    enabled: (ctx) => ctx.store.getState().plan !== null && !ctx.host.jobActive(),
    run: (ctx) => ctx.host.run(),
  },
  {
    id: 'stop',
    label: 'action.stop',
    group: 'job',
    shortcuts: [{ key: '.', mod: true }],
    enabled: (ctx) => ctx.host.jobActive(),
    run: (ctx) => ctx.host.stop(),
  },
  {
    id: 'help',
    label: 'action.help',
    group: 'view',
    shortcuts: [{ key: '?' }],
    enabled: always,
    run: (ctx) => ctx.host.toggleHelp(),
  },
];

export function actionById(id: string): EditorAction {
  const action = ACTIONS.find((a) => a.id === id);
  if (action === undefined) throw new Error(`no editor action "${id}"`);
  return action;
}

/** Runs the action when it is enabled; false when it is not (nothing happens). */
export function runAction(action: EditorAction, ctx: ActionContext): boolean {
  if (!action.enabled(ctx)) return false;
  action.run(ctx);
  return true;
}
