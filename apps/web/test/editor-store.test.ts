import { describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { createEditorStore } from '../src/store/editor';
import { parseJobGraphFile, serializeJobGraph } from '../src/file/jobgraph-file';

const empty = (): JobGraph => ({ version: 1, name: 'built by hand', operators: [], edges: [] });

/** The pipeline of e2e test 1, built through the same store actions the canvas and inspector call. */
function sequenceMapCollect() {
  const store = createEditorStore(empty());
  const s = store.getState();
  const source = s.addOperator('source.sequence', { x: 0, y: 0 });
  const map = s.addOperator('map', { x: 260.4, y: 0 });
  const sink = s.addOperator('sink.collect', { x: 520, y: 0 });
  return { store, source, map, sink };
}

describe('editor store: add, connect, edit, delete', () => {
  it('adds operators with readable ids, catalogue defaults and rounded positions, and selects the new one', () => {
    const { store, source, map, sink } = sequenceMapCollect();
    expect([source, map, sink]).toEqual(['sequence-1', 'map-1', 'collect-1']);
    const { jobGraph, selection } = store.getState();
    expect(jobGraph.operators).toEqual([
      {
        id: 'sequence-1',
        kind: 'source.sequence',
        parallelism: 1,
        params: { from: 1, to: 10 },
        position: { x: 0, y: 0 },
      },
      { id: 'map-1', kind: 'map', parallelism: 1, params: { fn: '(value, ctx) => value' }, position: { x: 260, y: 0 } },
      { id: 'collect-1', kind: 'sink.collect', parallelism: 1, params: {}, position: { x: 520, y: 0 } },
    ]);
    expect(selection).toEqual({ type: 'operator', id: 'collect-1' });
  });

  it("connects with Flink's default partitioner: forward at equal parallelism, rebalance otherwise (§3 Partitioners)", () => {
    const { store, source, map, sink } = sequenceMapCollect();
    store.getState().updateOperator(map, { parallelism: 2 });
    expect(store.getState().connect(source, map)).toBe(true);
    expect(store.getState().connect(map, sink)).toBe(true);
    expect(store.getState().jobGraph.edges).toEqual([
      { source, target: map, partitioner: 'rebalance' },
      { source: map, target: sink, partitioner: 'rebalance' },
    ]);
    expect(store.getState().selection).toEqual({ type: 'edge', index: 1 });
  });

  it('refuses connections into a source, out of a sink, to itself, and twice', () => {
    const { store, source, map, sink } = sequenceMapCollect();
    const { connect } = store.getState();
    expect(connect(map, source)).toBe(false);
    expect(connect(sink, map)).toBe(false);
    expect(connect(map, map)).toBe(false);
    expect(connect(source, map)).toBe(true);
    expect(store.getState().connect(source, map)).toBe(false);
    expect(store.getState().jobGraph.edges).toHaveLength(1);
  });

  it('edits name, parallelism, params and edge partitioner/key; undefined removes a field', () => {
    const { store, source, map, sink } = sequenceMapCollect();
    const s = store.getState();
    s.connect(source, map);
    s.connect(map, sink);
    s.updateOperator(map, { name: 'Doubler', parallelism: 2 });
    s.setParam(map, 'fn', 'x => x * 2');
    s.updateEdge(1, { partitioner: 'hash', key: 'x => x % 3' });
    let op = store.getState().jobGraph.operators.find((o) => o.id === map)!;
    expect(op).toMatchObject({ name: 'Doubler', parallelism: 2, params: { fn: 'x => x * 2' } });
    expect(store.getState().jobGraph.edges[1]).toEqual({
      source: map,
      target: sink,
      partitioner: 'hash',
      key: 'x => x % 3',
    });
    store.getState().updateOperator(map, { name: undefined });
    store.getState().updateEdge(1, { partitioner: 'rebalance', key: undefined });
    op = store.getState().jobGraph.operators.find((o) => o.id === map)!;
    expect('name' in op).toBe(false);
    expect(store.getState().jobGraph.edges[1]).toEqual({ source: map, target: sink, partitioner: 'rebalance' });
  });

  it('deleting an operator removes its edges; deleting an edge keeps the operators and clears the selection', () => {
    const { store, source, map, sink } = sequenceMapCollect();
    store.getState().connect(source, map);
    store.getState().connect(map, sink);
    store.getState().select({ type: 'edge', index: 0 });
    store.getState().deleteSelection();
    expect(store.getState().jobGraph.edges).toEqual([{ source: map, target: sink, partitioner: 'forward' }]);
    expect(store.getState().selection).toBeNull();
    store.getState().select({ type: 'operator', id: map });
    store.getState().deleteSelection();
    expect(store.getState().jobGraph.operators.map((o) => o.id)).toEqual([source, sink]);
    expect(store.getState().jobGraph.edges).toEqual([]);
  });
});

describe('editor store: validation problems and the plan follow every edit', () => {
  it('locates problems on the offending operator and edge, and plans only a valid graph', () => {
    const { store, source, map, sink } = sequenceMapCollect();
    store.getState().connect(source, map);
    store.getState().connect(map, sink);
    expect(store.getState().problems).toEqual([]);
    expect(store.getState().plan?.slotsRequired).toBe(1);

    store.getState().setParam(map, 'fn', 'x => (');
    store.getState().updateEdge(1, { partitioner: 'hash' });
    const { located, plan, problems } = store.getState();
    expect(plan).toBeNull();
    expect(Object.keys(located.operators)).toEqual([map]);
    expect(located.operators[map]!.map((p) => p.path)).toEqual(['$.operators[1].params.fn']);
    expect(Object.keys(located.edges)).toEqual(['1']);
    expect(located.edges[1]!.every((p) => p.path.startsWith('$.edges[1]'))).toBe(true);
    expect(problems.length).toBe(located.operators[map]!.length + located.edges[1]!.length + located.graph.length);
  });

  it('recomputes slots required when parallelism changes (§2 Slot sharing: max parallelism of the one group)', () => {
    const { store, source, map, sink } = sequenceMapCollect();
    store.getState().connect(source, map);
    store.getState().connect(map, sink);
    store.getState().updateOperator(map, { parallelism: 3 });
    store.getState().updateEdge(0, { partitioner: 'rebalance' });
    store.getState().updateEdge(1, { partitioner: 'rebalance' });
    const plan = store.getState().plan!;
    expect(plan.slotsRequired).toBe(3);
    expect(plan.vertices.map((v) => [v.id, v.parallelism])).toEqual([
      [source, 1],
      [map, 3],
      [sink, 1],
    ]);
  });
});

describe('JobGraph file round trip', () => {
  it('save → load gives back the identical JobGraph, and loading it into a store reproduces the graph', () => {
    const { store, source, map, sink } = sequenceMapCollect();
    store.getState().connect(source, map);
    store.getState().connect(map, sink);
    store.getState().updateEdge(1, { partitioner: 'shuffle' });
    const saved = serializeJobGraph(store.getState().jobGraph);
    const parsed = parseJobGraphFile(saved);
    expect(parsed).toEqual({ ok: true, jobGraph: store.getState().jobGraph });
    const reopened = createEditorStore(empty());
    if (parsed.ok) reopened.getState().loadJobGraph(parsed.jobGraph);
    expect(serializeJobGraph(reopened.getState().jobGraph)).toBe(saved);
  });

  it('round-trips the built-in figure-3-2 example byte for byte', () => {
    const jobGraph = exampleById('figure-3-2')!.jobGraph;
    const text = serializeJobGraph(jobGraph);
    const parsed = parseJobGraphFile(text);
    expect(parsed.ok && serializeJobGraph(parsed.jobGraph)).toBe(text);
  });

  it('refuses a file that is not JSON, and one that is not a JobGraph, naming the path', () => {
    expect(parseJobGraphFile('{ nope')).toMatchObject({ ok: false, error: 'not-json' });
    expect(
      parseJobGraphFile(
        JSON.stringify({
          version: 1,
          name: 'x',
          operators: [{ id: 'a', kind: 'teleport', parallelism: 1 }],
          edges: [],
        }),
      ),
    ).toMatchObject({
      ok: false,
      error: 'not-jobgraph',
      path: '$.operators[0].kind',
    });
  });

  it('loads a JobGraph with semantic problems so the canvas can show them', () => {
    const store = createEditorStore(empty());
    const broken: JobGraph = {
      version: 1,
      name: 'b',
      operators: [{ id: 'm', kind: 'map', parallelism: 1, params: { fn: 'x => x' } }],
      edges: [{ source: 'ghost', target: 'm' }],
    };
    const parsed = parseJobGraphFile(JSON.stringify(broken));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) store.getState().loadJobGraph(parsed.jobGraph);
    expect(store.getState().located.edges[0]?.length).toBeGreaterThan(0);
    expect(store.getState().plan).toBeNull();
  });
});

describe('editor store: click-to-add from the palette', () => {
  it('connects the new operator from the selected one, as one undo step, and selects it so clicks chain', () => {
    const store = createEditorStore(empty());
    const s = store.getState();
    const source = s.appendOperator('source.sequence', { x: 0, y: 0 });
    const map = s.appendOperator('map', { x: 240, y: 0 });
    const sink = s.appendOperator('sink.collect', { x: 480, y: 0 });
    // Flink's default partitioner, left unset so it follows later parallelism changes (§3 Partitioners).
    expect(store.getState().jobGraph.edges).toEqual([
      { source, target: map },
      { source: map, target: sink },
    ]);
    expect(store.getState().selection).toEqual({ type: 'operator', id: sink });
    store.getState().undo();
    expect(store.getState().jobGraph.operators.map((op) => op.id)).toEqual([source, map]);
    expect(store.getState().jobGraph.edges).toHaveLength(1);
    store.getState().redo();
    store.getState().updateOperator(map, { parallelism: 2 });
    expect(store.getState().problems).toEqual([]);
  });

  it('adds unconnected when nothing can feed it: nothing selected, a sink selected, or a source added', () => {
    const store = createEditorStore(empty());
    const s = store.getState();
    const sink = s.appendOperator('sink.discard', { x: 0, y: 0 });
    s.appendOperator('map', { x: 240, y: 0 });
    s.select({ type: 'operator', id: sink });
    s.appendOperator('filter', { x: 240, y: 100 });
    s.appendOperator('source.sequence', { x: 480, y: 0 });
    expect(store.getState().jobGraph.edges).toEqual([]);
  });
});

describe("editor store: the palette's keyBy", () => {
  it('makes the next edge a hash edge with the key asked for, then disarms (§3 Partitioners)', () => {
    const store = createEditorStore(empty());
    const s = store.getState();
    const source = s.appendOperator('source.datagen', { x: 0, y: 0 });
    s.armKeyBy('r => r.key');
    const sum = s.appendOperator('sum', { x: 240, y: 0 });
    s.select(null);
    const sink = s.appendOperator('sink.collect', { x: 480, y: 0 });
    s.armKeyBy('r => r.value');
    expect(store.getState().connect(sum, sink)).toBe(true);
    expect(store.getState().jobGraph.edges).toEqual([
      { source, target: sum, partitioner: 'hash', key: 'r => r.key' },
      { source: sum, target: sink, partitioner: 'hash', key: 'r => r.value' },
    ]);
    expect(store.getState().keyByNext).toBeNull();
    s.armKeyBy('r => r.key');
    s.armKeyBy(null);
    s.select({ type: 'operator', id: sum });
    const other = s.appendOperator('sink.discard', { x: 480, y: 100 });
    expect(store.getState().jobGraph.edges.at(-1)).toEqual({ source: sum, target: other });
  });
});
