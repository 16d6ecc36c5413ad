import { describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { PASTE_OFFSET } from '../../src/actions/clipboard';
import { actionById, runAction } from '../../src/actions/registry';
import { actionContext } from './action-context';

const wordcount = (): JobGraph => structuredClone(exampleById('wordcount')!.jobGraph);
const run = (ctx: ReturnType<typeof actionContext>, id: string) => expect(runAction(actionById(id), ctx)).toBe(true);

describe('copy, cut, paste, duplicate', () => {
  it('paste gives new ids, keeps every param and the edges inside the selection, and selects the copies', () => {
    const ctx = actionContext(wordcount());
    ctx.store.getState().select({ type: 'operators', ids: ['tokenize', 'count'] });
    run(ctx, 'copy');
    run(ctx, 'paste');
    const { jobGraph, selection } = ctx.store.getState();
    const original = wordcount();
    expect(jobGraph.operators.slice(4)).toEqual([
      { ...original.operators[1], id: 'flatMap-1', position: { x: 260 + PASTE_OFFSET.x, y: 120 + PASTE_OFFSET.y } },
      { ...original.operators[2], id: 'sum-1', position: { x: 520 + PASTE_OFFSET.x, y: 120 + PASTE_OFFSET.y } },
    ]);
    // Only tokenize -> count lies inside the selection; lines -> tokenize and count -> counts do not come along.
    expect(jobGraph.edges.slice(3)).toEqual([
      { source: 'flatMap-1', target: 'sum-1', partitioner: 'hash', key: 'r => r.word' },
    ]);
    expect(jobGraph.edges.slice(0, 3)).toEqual(original.edges);
    expect(selection).toEqual({ type: 'operators', ids: ['flatMap-1', 'sum-1'] });
  });

  it('a second paste lands one offset further, with ids of its own', () => {
    const ctx = actionContext(wordcount());
    ctx.store.getState().select({ type: 'operator', id: 'count' });
    run(ctx, 'copy');
    run(ctx, 'paste');
    run(ctx, 'paste');
    expect(
      ctx.store
        .getState()
        .jobGraph.operators.slice(4)
        .map((op) => [op.id, op.position]),
    ).toEqual([
      ['sum-1', { x: 520 + PASTE_OFFSET.x, y: 120 + PASTE_OFFSET.y }],
      ['sum-2', { x: 520 + 2 * PASTE_OFFSET.x, y: 120 + 2 * PASTE_OFFSET.y }],
    ]);
  });

  it('cut removes the operators with their edges, and paste puts them back where they were under new ids', () => {
    const ctx = actionContext(wordcount());
    ctx.store.getState().select({ type: 'operators', ids: ['lines', 'tokenize'] });
    run(ctx, 'cut');
    expect(ctx.store.getState().jobGraph.operators.map((op) => op.id)).toEqual(['count', 'counts']);
    expect(ctx.store.getState().jobGraph.edges).toEqual([
      { source: 'count', target: 'counts', partitioner: 'rebalance' },
    ]);
    run(ctx, 'paste');
    const { operators, edges } = ctx.store.getState().jobGraph;
    expect(operators.slice(2).map((op) => [op.id, op.kind, op.position])).toEqual([
      ['collection-1', 'source.collection', { x: 0, y: 120 }],
      ['flatMap-1', 'flatMap', { x: 260, y: 120 }],
    ]);
    expect(edges.at(-1)).toEqual({ source: 'collection-1', target: 'flatMap-1', partitioner: 'rebalance' });
  });

  it('duplicate copies the selection without touching the clipboard', () => {
    const ctx = actionContext(wordcount());
    ctx.store.getState().select({ type: 'operator', id: 'counts' });
    run(ctx, 'duplicate');
    expect(ctx.store.getState().jobGraph.operators.at(-1)).toEqual({
      id: 'collect-1',
      kind: 'sink.collect',
      name: 'Counts',
      parallelism: 1,
      position: { x: 780 + PASTE_OFFSET.x, y: 120 + PASTE_OFFSET.y },
    });
    expect(ctx.clipboard.fragment).toBeNull();
    expect(actionById('paste').enabled(ctx)).toBe(false);
  });

  it('select all selects every operator; connect joins the two selected ones in selection order', () => {
    const ctx = actionContext({ version: 1, name: 'j', operators: [], edges: [] });
    expect(actionById('select-all').enabled(ctx)).toBe(false);
    const graph = ctx.store.getState();
    graph.addOperator('source.sequence', { x: 0, y: 0 });
    graph.addOperator('sink.print', { x: 200, y: 0 });
    run(ctx, 'select-all');
    expect(ctx.store.getState().selection).toEqual({ type: 'operators', ids: ['sequence-1', 'print-1'] });
    run(ctx, 'connect');
    expect(ctx.store.getState().jobGraph.edges).toEqual([
      { source: 'sequence-1', target: 'print-1', partitioner: 'forward' },
    ]);
  });

  it('the keyboard walks the operators in graph order and extends the selection', () => {
    const ctx = actionContext(wordcount());
    run(ctx, 'select-previous');
    expect(ctx.store.getState().selection).toEqual({ type: 'operator', id: 'counts' });
    run(ctx, 'select-next');
    expect(ctx.store.getState().selection).toEqual({ type: 'operator', id: 'lines' });
    run(ctx, 'select-next');
    run(ctx, 'extend-next');
    run(ctx, 'extend-next');
    expect(ctx.store.getState().selection).toEqual({ type: 'operators', ids: ['tokenize', 'count', 'counts'] });
    run(ctx, 'select-previous');
    run(ctx, 'extend-previous');
    run(ctx, 'extend-previous');
    expect(ctx.store.getState().selection).toEqual({ type: 'operators', ids: ['count', 'tokenize', 'lines'] });
    run(ctx, 'select-next');
    run(ctx, 'extend-next');
    expect(ctx.store.getState().selection).toEqual({ type: 'operators', ids: ['tokenize', 'count'] });
    // Two operators selected, but tokenize -> count is already drawn: connect does not apply.
    expect(actionById('connect').enabled(ctx)).toBe(false);
  });

  it('the browser-side actions ask the host', () => {
    const ctx = actionContext(wordcount());
    for (const id of ['add', 'help', 'save', 'import-flink', 'copy-link', 'run']) run(ctx, id);
    expect(ctx.asked).toEqual(['quickAdd', 'help', 'save', 'importFlinkPlan', 'copyLink', 'run']);
    expect(actionById('stop').enabled(ctx)).toBe(false);
  });
});
