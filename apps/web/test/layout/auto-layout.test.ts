import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleById, type JobGraph } from '@sluice/model';
import {
  autoLayoutStore,
  DEFAULT_NODE_SIZE,
  LAYOUT_GRID,
  layOut,
  type LayoutEngine,
  type NodeSizes,
} from '../../src/layout/auto-layout';
import { createEditorStore } from '../../src/store/editor';

// The same ELK the browser runs in its worker, here in the test's thread.
const elk = new ELK();

/** Every operator stacked on one spot: the worst a hand-written or imported graph can look. */
function piledUp(graph: JobGraph): JobGraph {
  return { ...graph, operators: graph.operators.map((op) => ({ ...op, position: { x: 0, y: 0 } })) };
}

function expectLayered(graph: JobGraph, sizes: NodeSizes = {}) {
  const box = (id: string) => {
    const op = graph.operators.find((o) => o.id === id)!;
    return { ...op.position!, ...(sizes[id] ?? DEFAULT_NODE_SIZE) };
  };
  for (const edge of graph.edges) {
    const [from, to] = [box(edge.source), box(edge.target)];
    expect(from.x + from.width, `${edge.source} → ${edge.target} goes left to right`).toBeLessThan(to.x);
  }
  const ids = graph.operators.map((op) => op.id);
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1)) {
      const [p, q] = [box(a), box(b)];
      const apart = p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
      expect(apart, `${a} and ${b} do not overlap`).toBe(true);
    }
  }
  for (const op of graph.operators)
    expect([op.position!.x % LAYOUT_GRID, op.position!.y % LAYOUT_GRID]).toEqual([0, 0]);
}

describe('auto-layout (ELK layered)', () => {
  it.each(EXAMPLES.map((e) => [e.id, e.jobGraph] as const))(
    'lays out %s in layers: every edge left to right, no overlap, on the grid',
    async (_id, graph) => {
      expectLayered(await layOut(piledUp(graph), {}, elk));
    },
  );

  it('keeps measured sizes apart, however large a node was drawn', async () => {
    const graph = piledUp(exampleById('figure-3-2')!.jobGraph);
    const sizes = Object.fromEntries(
      graph.operators.map((op, i) => [op.id, { width: 150 + 40 * i, height: 60 + 30 * i }]),
    );
    expectLayered(await layOut(graph, sizes, elk), sizes);
  });

  it('changes positions only, and is one undo step back to the exact graph before it', async () => {
    const before = piledUp(exampleById('wordcount')!.jobGraph);
    const store = createEditorStore(before);
    store.getState().select({ type: 'operator', id: before.operators[0]!.id });
    expect(await autoLayoutStore(store, {}, elk)).toBe(true);
    const after = store.getState().jobGraph;
    const withoutPositions = (g: JobGraph) => g.operators.map(({ position: _, ...rest }) => rest);
    expect(withoutPositions(after)).toEqual(withoutPositions(before));
    expect(after.edges).toBe(before.edges);
    expect(store.getState().selection).toEqual({ type: 'operator', id: before.operators[0]!.id });
    store.getState().undo();
    expect(store.getState().jobGraph).toBe(before);
    store.getState().redo();
    expect(store.getState().jobGraph).toBe(after);
  });

  it('keeps the plan and problems of the laid-out graph, so a step session is not reloaded at step 0', async () => {
    // The stepper reloads its session exactly when the store's plan changes (step/stepper.ts): a layout moves
    // operators only, so the plan must stay the same object, through undo and redo too.
    const store = createEditorStore(piledUp(exampleById('wordcount')!.jobGraph));
    const { plan, problems } = store.getState();
    expect(plan).not.toBeNull();
    expect(await autoLayoutStore(store, {}, elk)).toBe(true);
    expect(store.getState().plan).toBe(plan);
    expect(store.getState().problems).toBe(problems);
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().plan).toBe(plan);
    store.getState().updateOperator(store.getState().jobGraph.operators[1]!.id, { parallelism: 3 });
    expect(store.getState().plan).not.toBe(plan);
  });

  it('drops a layout of a graph that was edited while ELK worked, so the edit is not lost', async () => {
    const store = createEditorStore(piledUp(exampleById('wordcount')!.jobGraph));
    const slowElk: LayoutEngine = {
      layout: async (g) => {
        store.getState().renameJob('renamed meanwhile');
        return elk.layout(g);
      },
    };
    expect(await autoLayoutStore(store, {}, slowElk)).toBe(false);
    expect(store.getState().jobGraph.name).toBe('renamed meanwhile');
    expect(store.getState().jobGraph.operators.every((op) => op.position!.x === 0 && op.position!.y === 0)).toBe(true);
  });
});
