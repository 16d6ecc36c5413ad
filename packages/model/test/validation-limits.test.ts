/**
 * The size limits of a JobGraph (issue 11, point 4): each attack that stalled or crashed the server, refused
 * with a problem at its JSON path, and the largest documents within the limits validated without recursion.
 */
import { describe, expect, it } from 'vitest';
import { JOB_GRAPH_LIMITS, validateJobGraph, type JobGraph } from '../src/index.js';

/** A value nested `depth` arrays deep: [[[...[1]...]]]. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** source → map → … → map (`length` operators), forward edges. */
function chain(length: number): JobGraph {
  return {
    version: 1,
    name: 'chain',
    operators: Array.from({ length }, (_, i) =>
      i === 0
        ? { id: 'o0', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 2 } }
        : { id: `o${i}`, kind: 'map', parallelism: 1, params: { fn: 'v => v' } },
    ),
    edges: Array.from({ length: length - 1 }, (_, i) => ({ source: `o${i}`, target: `o${i + 1}` })),
  };
}

const collection = (value: unknown): JobGraph => ({
  version: 1,
  name: 'deep',
  operators: [
    { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value }] } },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [{ source: 'src', target: 'out' }],
});

describe('validateJobGraph: size limits', () => {
  it('refuses a source.collection value nested 4,000 deep at the first level beyond 64', () => {
    const { problems } = validateJobGraph(collection(nested(4_000)));
    // $ is level 1, .value level 7: its 58th array down is level 65.
    expect(problems).toEqual([
      {
        path: `$.operators[0].params.elements[0].value${'[0]'.repeat(58)}`,
        message: 'is nested deeper than 64 levels of arrays and objects',
      },
    ]);
    expect(validateJobGraph(collection(nested(58))).ok).toBe(true);
    expect(validateJobGraph(collection(nested(59))).ok).toBe(false);
  });

  it('refuses more operators or edges than the limits, before reading them', () => {
    const big = chain(JOB_GRAPH_LIMITS.operators + 1);
    expect(validateJobGraph(big).problems).toEqual([
      { path: '$.operators', message: 'has 2001 items; a JobGraph may have at most 2000 operators' },
    ]);
    const edges = { ...chain(2), edges: Array.from({ length: 30_000 }, () => ({ source: 'o0', target: 'o1' })) };
    expect(validateJobGraph(edges).problems).toEqual([
      { path: '$.edges', message: 'has 30000 items; a JobGraph may have at most 10000 edges' },
    ]);
  });

  it('validates a chain of 2,000 operators, and names a cycle through all of them by its ends', () => {
    // A job must lead to a sink (§ validation, Flink: "No operators defined in streaming topology").
    const withSink = (graph: JobGraph): JobGraph => ({
      ...graph,
      operators: [...graph.operators, { id: 'out', kind: 'sink.discard', parallelism: 1, params: {} }],
      edges: [...graph.edges, { source: `o${graph.operators.length - 1}`, target: 'out' }],
    });
    expect(validateJobGraph(withSink(chain(1_999))).ok).toBe(true);
    const loop = withSink(chain(1_999));
    loop.operators[0] = { id: 'o0', kind: 'map', parallelism: 1, params: { fn: 'v => v' } };
    loop.edges.push({ source: 'o1998', target: 'o0' });
    expect(validateJobGraph(loop).problems).toEqual([
      {
        path: '$.edges[1999]',
        message:
          'closes the cycle "o0" -> "o1" -> "o2" -> "o3" -> … (1992 more) -> "o1996" -> "o1997" -> "o1998" -> "o0"; a JobGraph must be acyclic',
      },
    ]);
  });

  it("refuses more subtasks than the server's maximum, when it sets one", () => {
    const wide = collection(1);
    wide.operators[1]!.parallelism = 32_768;
    expect(validateJobGraph(wide).ok).toBe(true);
    expect(validateJobGraph(wide, { maxTotalSubtasks: 1024 }).problems).toEqual([
      {
        path: '$.operators',
        message: "the operators' parallelism adds up to 32769 subtasks; this server runs at most 1024 per job",
      },
    ]);
  });

  it('refuses a rate below 0.001 or above 1e9 records a second, and a function source over 64 KiB', () => {
    const slow: JobGraph = {
      version: 1,
      name: 'rates',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, ratePerSecond: 1e-300 } },
        {
          id: 'gen',
          kind: 'source.datagen',
          parallelism: 1,
          params: { keys: 1, maxOutOfOrdernessMs: 0, seed: 1, ratePerSecond: 1e10 },
        },
        { id: 'big', kind: 'map', parallelism: 1, params: { fn: `v => ${'1 + '.repeat(20_000)}v` } },
        { id: 'out', kind: 'sink.discard', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'big' },
        { source: 'gen', target: 'big' },
        { source: 'big', target: 'out' },
      ],
    };
    expect(validateJobGraph(slow).problems).toEqual([
      { path: '$.operators[0].params.ratePerSecond', message: 'must be at least 0.001, not 1e-300' },
      { path: '$.operators[1].params.ratePerSecond', message: 'must be at most 1000000000, not 10000000000' },
      { path: '$.operators[2].params.fn', message: 'is 80006 characters long; at most 65536 are allowed' },
    ]);
  });

  it('refuses unions that each read the previous one twice before resolving their 2^n paths', () => {
    const unions = 40;
    const graph: JobGraph = {
      version: 1,
      name: 'doubling unions',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 2 } },
        ...Array.from({ length: unions }, (_, i) => ({ id: `u${i}`, kind: 'union' as const, parallelism: 1 })),
        { id: 'out', kind: 'sink.discard', parallelism: 1 },
      ],
      edges: [
        ...Array.from({ length: unions }, (_, i) => [
          { source: i === 0 ? 'src' : `u${i - 1}`, target: `u${i}` },
          { source: i === 0 ? 'src' : `u${i - 1}`, target: `u${i}` },
        ]).flat(),
        { source: `u${unions - 1}`, target: 'out' },
      ],
    };
    expect(validateJobGraph(graph).problems).toEqual([
      {
        path: '$.edges',
        message:
          'its unions resolve to more than 10000 edges between operators (each path through unions is one); a JobGraph may have at most 10000',
      },
    ]);
    // 2^13 = 8192 paths are still a JobGraph one may write.
    const fewer = { ...graph, operators: graph.operators.filter((op) => !/^u(1[3-9]|[2-9]\d)$/.test(op.id)) };
    fewer.edges = [...graph.edges.slice(0, 26), { source: 'u12', target: 'out' }];
    expect(validateJobGraph(fewer).ok).toBe(true);
  });
});
