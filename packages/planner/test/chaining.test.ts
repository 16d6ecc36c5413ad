import { describe, expect, it } from 'vitest';
import { planExecutionGraph, type ExecutionGraph } from '../src/index.js';
import { edge, jobGraph, op } from './job-graphs.js';
import type { JobConfig, OperatorSpec } from '@sluice/model';

/** a → b → c, p2 each, edges without partitioner (forward: equal parallelism). */
function pipeline(b: Partial<OperatorSpec> = {}, config?: JobConfig, c: Partial<OperatorSpec> = {}) {
  return jobGraph(
    [
      op('a', 'source.sequence', 2, { params: { from: 0, to: 9 } }),
      op('b', 'map', 2, { params: { fn: 'v => v' }, ...b }),
      op('c', 'sink.discard', 2, c),
    ],
    [edge('a', 'b'), edge('b', 'c')],
    config,
  );
}
const chains = (eg: ExecutionGraph): string[][] => eg.vertices.map((v) => v.operators);
const names = (eg: ExecutionGraph): string[] => eg.vertices.map((v) => v.name);

describe('§1 Operator chaining, rule by rule', () => {
  it('ALWAYS on every operator, forward edges, equal parallelism: one chain named "a -> b -> c"', () => {
    const eg = planExecutionGraph(pipeline());
    expect(chains(eg)).toEqual([['a', 'b', 'c']]);
    expect(names(eg)).toEqual(['a -> b -> c']);
    expect(eg.edges).toEqual([]);
    expect(eg.slotsRequired).toBe(2);
  });

  it('names come from operator names, ids when unnamed', () => {
    expect(names(planExecutionGraph(pipeline({ name: 'Double it' })))).toEqual(['a -> Double it -> c']);
  });

  it('rule 6: HEAD (startNewChain) breaks the chain before b only', () => {
    const eg = planExecutionGraph(pipeline({ chaining: 'HEAD' }));
    expect(chains(eg)).toEqual([['a'], ['b', 'c']]);
    expect(
      eg.edges.map((e) => [e.source, e.target, e.sourceOperator, e.targetOperator, e.partitioner, e.distribution]),
    ).toEqual([['a', 'b', 'a', 'b', 'forward', 'POINTWISE']]);
  });

  it('rules 5 and 6: NEVER (disableChaining) breaks the chain on both sides of b', () => {
    expect(chains(planExecutionGraph(pipeline({ chaining: 'NEVER' })))).toEqual([['a'], ['b'], ['c']]);
  });

  it('rule 2: operatorChaining = false breaks every chain', () => {
    const eg = planExecutionGraph(pipeline({}, { operatorChaining: false }));
    expect(chains(eg)).toEqual([['a'], ['b'], ['c']]);
    expect(eg.edges.map((e) => e.index)).toEqual([0, 1]);
  });

  it('rule 7: different parallelism never chains (the default partitioner becomes rebalance)', () => {
    const eg = planExecutionGraph(pipeline({ parallelism: 3 }, undefined, { parallelism: 3 }));
    expect(chains(eg)).toEqual([['a'], ['b', 'c']]);
    expect(eg.edges.map((e) => [e.partitioner, e.distribution])).toEqual([['rebalance', 'ALL_TO_ALL']]);
  });

  it('rule 9: an explicit non-forward partitioner between equal parallelisms does not chain', () => {
    for (const partitioner of ['rebalance', 'rescale', 'shuffle', 'broadcast'] as const) {
      const graph = pipeline();
      graph.edges[0] = edge('a', 'b', { partitioner });
      const eg = planExecutionGraph(graph);
      expect(chains(eg)).toEqual([['a'], ['b', 'c']]);
      expect(eg.edges[0]?.distribution).toBe(partitioner === 'rescale' ? 'POINTWISE' : 'ALL_TO_ALL');
    }
  });

  it("rule 3: a different slot sharing group breaks the chain; c inherits b's group (§2 [OPS])", () => {
    const eg = planExecutionGraph(pipeline({ slotSharingGroup: 'other' }));
    expect(chains(eg)).toEqual([['a'], ['b', 'c']]);
    expect(eg.vertices.map((v) => v.slotSharingGroup)).toEqual(['default', 'other']);
    expect(eg.slotsRequired).toBe(4);
  });

  it('rule 8: different max parallelism chains by default, not with chainOperatorsWithDifferentMaxParallelism = false', () => {
    expect(chains(planExecutionGraph(pipeline({ maxParallelism: 256 })))).toEqual([['a', 'b', 'c']]);
    const eg = planExecutionGraph(
      pipeline({ maxParallelism: 256 }, { chainOperatorsWithDifferentMaxParallelism: false }, { maxParallelism: 256 }),
    );
    expect(chains(eg)).toEqual([['a'], ['b', 'c']]);
    // A JobVertex has its head's max parallelism (§3 Key groups: the job default is 128 for p ≤ 85).
    expect(eg.vertices.map((v) => v.maxParallelism)).toEqual([128, 256]);
  });

  it('rule 8 compares the max parallelism set on each operator: unset does not equal a default set explicitly', () => {
    // All have 128 key groups (p2), but only b says so; Flink's StreamNodes of a and c hold "unset".
    const config = { chainOperatorsWithDifferentMaxParallelism: false };
    expect(chains(planExecutionGraph(pipeline({ maxParallelism: 128 }, config)))).toEqual([['a'], ['b'], ['c']]);
    const jobWide = { ...config, maxParallelism: 128 };
    expect(chains(planExecutionGraph(pipeline({ maxParallelism: 128 }, jobWide)))).toEqual([['a', 'b', 'c']]);
  });

  it('rule 1: an operator reading two edges (a union input gate) is never chained to them, but may head a chain', () => {
    const eg = planExecutionGraph(
      jobGraph(
        [op('a', 'source.sequence', 2), op('x', 'source.sequence', 2), op('m', 'map', 2), op('out', 'sink.print', 2)],
        [edge('a', 'm'), edge('x', 'm'), edge('m', 'out')],
      ),
    );
    expect(chains(eg)).toEqual([['a'], ['x'], ['m', 'out']]);
    expect(eg.edges.map((e) => [e.source, e.target, e.partitioner])).toEqual([
      ['a', 'm', 'forward'],
      ['x', 'm', 'forward'],
    ]);
  });

  it('a union is virtual, as in Flink: no JobVertex; its consumer reads its inputs, partitioned as Flink would', () => {
    const eg = planExecutionGraph(
      jobGraph(
        [
          op('a', 'source.sequence', 2),
          op('x', 'source.sequence', 3),
          op('u', 'union', 5),
          op('m', 'map', 2),
          op('out', 'sink.print', 2),
        ],
        [edge('a', 'u'), edge('x', 'u', { partitioner: 'rescale' }), edge('u', 'm'), edge('m', 'out')],
      ),
    );
    // The union's parallelism plays no part: a→m defaults to forward (2 = 2); x keeps its own rescale.
    expect(chains(eg)).toEqual([['a'], ['x'], ['m', 'out']]);
    expect(Object.keys(eg.operators)).toEqual(['a', 'x', 'm', 'out']);
    expect(eg.edges.map((e) => [e.source, e.target, e.partitioner])).toEqual([
      ['a', 'm', 'forward'],
      ['x', 'm', 'rescale'],
    ]);

    // StreamGraph takes the partitioner nearest the consumer: keyBy after the union hashes both inputs.
    const keyed = planExecutionGraph(
      jobGraph(
        [op('a', 'source.sequence', 2), op('x', 'source.sequence', 3), op('u', 'union', 1), op('m', 'map', 2)],
        [
          edge('a', 'u', { partitioner: 'rebalance' }),
          edge('x', 'u'),
          edge('u', 'm', { partitioner: 'hash', key: 'v => v' }),
        ],
      ),
    );
    expect(keyed.edges.map((e) => [e.source, e.target, e.partitioner, e.key])).toEqual([
      ['a', 'm', 'hash', 'v => v'],
      ['x', 'm', 'hash', 'v => v'],
    ]);
  });

  it("rule 9: a windowAll's input is a hash edge, as Flink's AllWindowedStream keys it by a constant", () => {
    const window = { params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { count: true } } };
    const eg = planExecutionGraph(
      jobGraph(
        [op('src', 'source.sequence', 1), op('win', 'window', 1, window), op('out', 'sink.collect', 1)],
        [edge('src', 'win', { partitioner: 'forward' }), edge('win', 'out')],
      ),
    );
    expect(chains(eg)).toEqual([['src'], ['win', 'out']]);
    expect(eg.edges.map((e) => [e.source, e.target, e.partitioner, e.key])).toEqual([
      ['src', 'win', 'hash', undefined],
    ]);
  });

  it('a chain may fork: a feeds b and c over chained forward edges, named "a -> (b, c)"', () => {
    const eg = planExecutionGraph(
      jobGraph(
        [op('a', 'source.sequence', 2), op('b', 'map', 2), op('c', 'filter', 2), op('d', 'sink.collect', 2)],
        [edge('a', 'b'), edge('a', 'c'), edge('c', 'd')],
      ),
    );
    expect(eg.vertices).toHaveLength(1);
    expect(eg.vertices[0]).toMatchObject({
      id: 'a',
      name: 'a -> (b, c -> d)',
      operators: ['a', 'b', 'c', 'd'],
      chainedEdges: [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'c' },
        { source: 'c', target: 'd' },
      ],
    });
  });

  it("§1: a side output edge chains like any other forward edge between equal parallelisms (Flink's ChainingOutput carries its OutputTag)", () => {
    const eg = planExecutionGraph(
      jobGraph(
        [op('w', 'window', 2), op('main', 'sink.collect', 2), op('late', 'sink.collect', 2)],
        [edge('w', 'main'), edge('w', 'late', { sideOutput: 'late' })],
      ),
    );
    expect(chains(eg)).toEqual([['w', 'main', 'late']]);
    expect(eg.vertices[0]).toMatchObject({
      name: 'w -> (main, late)',
      chainedEdges: [
        { source: 'w', target: 'main' },
        { source: 'w', target: 'late', sideOutput: 'late' },
      ],
    });
    expect(eg.edges).toEqual([]);
  });

  it('§1: a side output edge with unequal parallelism gets rebalance and crosses the network with its tag', () => {
    const eg = planExecutionGraph(
      jobGraph([op('w', 'window', 2), op('late', 'sink.collect', 1)], [edge('w', 'late', { sideOutput: 'late' })]),
    );
    expect(chains(eg)).toEqual([['w'], ['late']]);
    expect(eg.edges).toEqual([
      {
        index: 0,
        source: 'w',
        target: 'late',
        sourceOperator: 'w',
        targetOperator: 'late',
        partitioner: 'rebalance',
        distribution: 'ALL_TO_ALL',
        sideOutput: 'late',
      },
    ]);
  });

  it('a network edge can leave from inside a chain: sourceOperator names the chained operator', () => {
    const graph = pipeline();
    graph.operators.push(op('d', 'sink.collect', 4));
    graph.edges.push(edge('b', 'd'));
    const eg = planExecutionGraph(graph);
    expect(chains(eg)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(eg.edges.map((e) => [e.source, e.sourceOperator, e.target, e.partitioner])).toEqual([
      ['a', 'b', 'd', 'rebalance'],
    ]);
  });
});

describe('§2 slot sharing group inheritance [OPS]', () => {
  it('an operator whose inputs are in different groups falls back to "default"; one whose inputs share a group inherits it', () => {
    const eg = planExecutionGraph(
      jobGraph(
        [
          op('s1', 'source.sequence', 1, { slotSharingGroup: 'g1' }),
          op('s2', 'source.sequence', 1, { slotSharingGroup: 'g2' }),
          op('s3', 'source.sequence', 1, { slotSharingGroup: 'g1' }),
          op('mixed', 'map', 1),
          op('same', 'map', 1),
        ],
        [edge('s1', 'mixed'), edge('s2', 'mixed'), edge('s1', 'same'), edge('s3', 'same')],
      ),
    );
    expect(Object.fromEntries(eg.vertices.map((v) => [v.id, v.slotSharingGroup]))).toEqual({
      s1: 'g1',
      s2: 'g2',
      s3: 'g1',
      mixed: 'default',
      same: 'g1',
    });
    expect(eg.slotsRequired).toBe(3);
  });
});

describe('§1 rule 1: a two-input operator is never chained to its inputs', () => {
  it('a coMap heads its own chain even behind forward edges of equal parallelism, and its edges keep their input', () => {
    const eg = planExecutionGraph(
      jobGraph(
        [op('a', 'source.sequence', 2), op('co', 'coMap', 2), op('out', 'sink.discard', 2)],
        [edge('a', 'co', { input: 1 }), edge('a', 'co', { input: 2 }), edge('co', 'out')],
      ),
    );
    expect(chains(eg)).toEqual([['a'], ['co', 'out']]);
    expect(eg.edges.map((e) => [e.source, e.target, e.partitioner, e.input])).toEqual([
      ['a', 'co', 'forward', 1],
      ['a', 'co', 'forward', 2],
    ]);
  });
});
