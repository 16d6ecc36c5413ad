import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleById, OPERATOR_KINDS, type JobGraph, type OperatorKind } from '@sluice/model';
import { addAfter } from '../../src/actions/graph-actions';
import { actionById, runAction, type ActionContext } from '../../src/actions/registry';
import { operatorSelection } from '../../src/actions/selection';
import { actionContext } from './action-context';

const wordcount = (): JobGraph => structuredClone(exampleById('wordcount')!.jobGraph);
const EDIT_ACTIONS = [
  'connect',
  'delete',
  'move-left',
  'move-right',
  'move-up',
  'move-down',
  'parallelism-up',
  'parallelism-down',
  'copy',
  'cut',
  'paste',
  'duplicate',
  'select-all',
] as const;
const KINDS = OPERATOR_KINDS.filter((k) => k !== 'flink.unsupported');

/** One user step: choose what is selected, run a registry action, or edit as the canvas and inspector do. */
type Step =
  | { type: 'select'; picks: number[] }
  | { type: 'selectEdge'; pick: number }
  | { type: 'action'; id: (typeof EDIT_ACTIONS)[number] }
  | { type: 'add'; kind: OperatorKind; afterSelected: boolean }
  | { type: 'parallelism'; pick: number; value: number }
  | { type: 'param'; pick: number; value: string }
  | { type: 'partitioner'; pick: number; value: 'rebalance' | 'shuffle' }
  | { type: 'drag'; pick: number; frames: number }
  | { type: 'rename'; name: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ type: fc.constant('select' as const), picks: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('selectEdge' as const), pick: fc.nat(20) }),
  fc.record({ type: fc.constant('action' as const), id: fc.constantFrom(...EDIT_ACTIONS) }),
  fc.record({ type: fc.constant('action' as const), id: fc.constantFrom(...EDIT_ACTIONS) }),
  fc.record({ type: fc.constant('add' as const), kind: fc.constantFrom(...KINDS), afterSelected: fc.boolean() }),
  fc.record({ type: fc.constant('parallelism' as const), pick: fc.nat(20), value: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ type: fc.constant('param' as const), pick: fc.nat(20), value: fc.string({ maxLength: 6 }) }),
  fc.record({
    type: fc.constant('partitioner' as const),
    pick: fc.nat(20),
    value: fc.constantFrom('rebalance' as const, 'shuffle' as const),
  }),
  fc.record({ type: fc.constant('drag' as const), pick: fc.nat(20), frames: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ type: fc.constant('rename' as const), name: fc.string({ maxLength: 5 }) }),
);

function apply(ctx: ActionContext, s: Step): void {
  const state = ctx.store.getState();
  const ops = state.jobGraph.operators;
  const op = (pick: number) => ops[pick % Math.max(ops.length, 1)];
  switch (s.type) {
    case 'select':
      state.select(operatorSelection([...new Set(s.picks.flatMap((p) => (op(p) ? [op(p)!.id] : [])))]));
      return;
    case 'selectEdge':
      if (state.jobGraph.edges.length > 0) state.select({ type: 'edge', index: s.pick % state.jobGraph.edges.length });
      return;
    case 'action':
      runAction(actionById(s.id), ctx);
      return;
    case 'add': {
      const selected = state.selection?.type === 'operator' && s.afterSelected ? state.selection.id : undefined;
      const added = addAfter(state.jobGraph, s.kind, selected);
      state.applyGraphEdit(added.graph, { type: 'operator', id: added.id });
      return;
    }
    case 'parallelism':
      if (op(s.pick)) state.updateOperator(op(s.pick)!.id, { parallelism: s.value });
      return;
    case 'param':
      if (op(s.pick)) state.setParam(op(s.pick)!.id, 'fn', s.value);
      return;
    case 'partitioner':
      if (state.jobGraph.edges.length > 0)
        state.updateEdge(s.pick % state.jobGraph.edges.length, { partitioner: s.value });
      return;
    case 'drag':
      if (!op(s.pick)) return;
      for (let frame = 1; frame <= s.frames; frame++)
        state.moveOperators({ [op(s.pick)!.id]: { x: frame * 7, y: frame * 3 } }, frame < s.frames);
      return;
    case 'rename':
      state.renameJob(s.name);
  }
}

const graphOf = (ctx: ActionContext) => ctx.store.getState().jobGraph;

describe('action registry: every edit can be undone and redone', () => {
  it('each step undoes to the exact graph before it and redoes to the exact graph after it', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const ctx = actionContext(wordcount());
        for (const s of steps) {
          const before = graphOf(ctx);
          const undoable = ctx.store.getState().history.past.length;
          apply(ctx, s);
          const after = graphOf(ctx);
          if (after === before) continue;
          expect(ctx.store.getState().history.past.length).toBe(undoable + 1);
          runAction(actionById('undo'), ctx);
          expect(graphOf(ctx)).toBe(before);
          runAction(actionById('redo'), ctx);
          expect(graphOf(ctx)).toBe(after);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('undoing everything gives the initial graph, redoing everything the final one', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const initial = wordcount();
        const ctx = actionContext(initial);
        for (const s of steps) apply(ctx, s);
        const final = graphOf(ctx);
        const snapshot = structuredClone(final);
        while (runAction(actionById('undo'), ctx));
        expect(graphOf(ctx)).toBe(initial);
        expect(initial).toEqual(wordcount());
        while (runAction(actionById('redo'), ctx));
        expect(graphOf(ctx)).toBe(final);
        expect(final).toEqual(snapshot);
      }),
      { numRuns: 60 },
    );
  });

  it('a drag is one undo step however many frames it has; the next drag is another', () => {
    const ctx = actionContext(wordcount());
    const initial = graphOf(ctx);
    const { moveOperators } = ctx.store.getState();
    moveOperators({ lines: { x: 1, y: 1 }, tokenize: { x: 5, y: 5 } }, true);
    moveOperators({ lines: { x: 2, y: 2 }, tokenize: { x: 6, y: 6 } }, true);
    moveOperators({ lines: { x: 3, y: 3 }, tokenize: { x: 7, y: 7 } }, false);
    const dragged = graphOf(ctx);
    moveOperators({ lines: { x: 9, y: 9 } }, false);
    expect(ctx.store.getState().history.past).toEqual([initial, dragged]);
    ctx.store.getState().undo();
    ctx.store.getState().undo();
    expect(graphOf(ctx)).toBe(initial);
  });

  it('typing into one field is one undo step; another field starts another', () => {
    const ctx = actionContext(wordcount());
    const initial = graphOf(ctx);
    const { setParam, updateOperator } = ctx.store.getState();
    for (const fn of ['v', 'v =>', 'v => v']) setParam('tokenize', 'fn', fn);
    updateOperator('tokenize', { parallelism: 3 });
    expect(ctx.store.getState().history.past).toHaveLength(2);
    ctx.store.getState().undo();
    expect(graphOf(ctx).operators.find((o) => o.id === 'tokenize')?.params?.fn).toBe('v => v');
    ctx.store.getState().undo();
    expect(graphOf(ctx)).toBe(initial);
  });

  it('an action that does not apply is disabled and leaves graph and history alone', () => {
    const ctx = actionContext(wordcount());
    for (const id of ['undo', 'redo', 'paste', 'copy', 'delete', 'connect', 'move-left', 'parallelism-up']) {
      expect([id, actionById(id).enabled(ctx)]).toEqual([id, false]);
      expect(runAction(actionById(id), ctx)).toBe(false);
    }
    expect(ctx.store.getState().history.past).toEqual([]);
  });
});
