/** Validation of two-input operators (design.md, two inputs): the `input` of an edge, and what each input needs. */
import { describe, expect, it } from 'vitest';
import {
  validateJobGraph,
  withoutVirtualUnions,
  type EdgeSpec,
  type JobGraph,
  type OperatorSpec,
} from '../src/index.js';

const problemsOf = (graph: JobGraph) => validateJobGraph(graph).problems;

/** Two sources connected into `co` (coMap unless said otherwise), then a sink. */
function connected(edges: EdgeSpec[], co: Partial<OperatorSpec> = {}): JobGraph {
  return {
    version: 1,
    name: 'connect',
    operators: [
      { id: 'a', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 3 } },
      { id: 'b', kind: 'source.sequence', parallelism: 1, params: { from: 4, to: 6 } },
      { id: 'co', kind: 'coMap', parallelism: 1, params: { fn1: 'v => v', fn2: 'v => -v' }, ...co },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [...edges, { source: 'co', target: 'out' }],
  };
}

describe('validateJobGraph: two-input operators', () => {
  it('accepts one edge on each input, and two edges between the same operators on different inputs', () => {
    expect(
      problemsOf(
        connected([
          { source: 'a', target: 'co', input: 1 },
          { source: 'b', target: 'co', input: 2 },
        ]),
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        connected([
          { source: 'a', target: 'co', input: 1 },
          { source: 'a', target: 'co', input: 2 },
        ]),
      ),
    ).toEqual([]);
  });

  it('reports an edge into a two-input operator without input, and one into a one-input operator with it', () => {
    const graph = connected([
      { source: 'a', target: 'co' },
      { source: 'b', target: 'co', input: 2 },
    ]);
    graph.edges[2]!.input = 1;
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.edges[0].input',
        message: '"co" (coMap) has two inputs; say which one this edge feeds: "input": 1 or "input": 2',
      },
      {
        path: '$.edges[2].input',
        message: '"out" (sink.collect) has one input; only an edge into coMap, coFlatMap or coProcess takes "input"',
      },
    ]);
  });

  it('reports a two-input operator with nothing on one input', () => {
    expect(
      problemsOf(
        connected([
          { source: 'a', target: 'co', input: 2 },
          { source: 'b', target: 'co', input: 2 },
        ]),
      ),
    ).toEqual([
      { path: '$.operators[2]', message: '"co" (coMap) has no edge into its input 1; connect one with "input": 1' },
    ]);
  });

  it('refuses an input other than 1 or 2 by its JSON path', () => {
    const graph = connected([
      { source: 'a', target: 'co', input: 1 },
      { source: 'b', target: 'co', input: 3 as 2 },
    ]);
    expect(problemsOf(graph).map((p) => p.path)).toContain('$.edges[1].input');
  });

  it('a coProcess keys both inputs or neither', () => {
    const co = { kind: 'coProcess' as const, params: { fn1: '(v, ctx, out) => {}', fn2: '(v, ctx, out) => {}' } };
    const keyedBoth = connected(
      [
        { source: 'a', target: 'co', input: 1, partitioner: 'hash', key: 'v => v % 2' },
        { source: 'b', target: 'co', input: 2, partitioner: 'hash', key: 'v => (v + 1) % 2' },
      ],
      co,
    );
    expect(problemsOf(keyedBoth)).toEqual([]);
    keyedBoth.edges[1] = { source: 'b', target: 'co', input: 2 };
    expect(problemsOf(keyedBoth)).toEqual([
      {
        path: '$.operators[2]',
        message:
          '"co" (coProcess) has 1 keyed and 1 non-keyed inputs; key both inputs with hash edges (KeyedCoProcessFunction), or neither',
      },
    ]);
  });

  it('an edge through a union keeps the input its last edge names', () => {
    const graph = connected([
      { source: 'a', target: 'u' },
      { source: 'b', target: 'u' },
      { source: 'u', target: 'co', input: 2 },
      { source: 'a', target: 'co', input: 1 },
    ]);
    graph.operators.push({ id: 'u', kind: 'union', parallelism: 1 });
    expect(problemsOf(graph)).toEqual([]);
    expect(withoutVirtualUnions(graph).edges.filter((e) => e.target === 'co')).toEqual([
      { source: 'a', target: 'co', input: 2 },
      { source: 'b', target: 'co', input: 2 },
      { source: 'a', target: 'co', input: 1 },
    ]);
  });
});
