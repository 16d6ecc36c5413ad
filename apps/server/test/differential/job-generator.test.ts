/**
 * The generator of the differential corpus, without a JDK: every drawn JobGraph is valid, so a difference the suite
 * reports is one between the engines, never a job that should have been refused; and the corpus covers what the
 * suite claims to compare.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, validateJobGraph } from '@sluice/model';
import { sinkDifferences } from './compare-outputs.js';
import { generatedJob } from './job-generator.js';

const corpus = Array.from({ length: 300 }, (_, i) => fc.sample(generatedJob, { seed: 1 + i, numRuns: 1 })[0]!);

describe('the differential corpus', () => {
  it('draws only valid JobGraphs, each sink checked', () => {
    for (const { jobGraph, checks } of corpus) {
      expect(validateJobGraph(jobGraph).problems).toEqual([]);
      const sinks = jobGraph.operators.filter((op) => CATALOGUE[op.kind].role === 'sink').map((op) => op.id);
      expect(checks.map((check) => check.sinkId).sort()).toEqual(sinks.sort());
    }
  });

  it('covers unions, union input gates, every partitioner, windows with late outputs and routing tags', () => {
    const edges = corpus.flatMap(({ jobGraph }) => jobGraph.edges);
    const operators = corpus.flatMap(({ jobGraph }) => jobGraph.operators);
    const partitioners = new Set(edges.map((edge) => edge.partitioner));
    expect([...partitioners].sort()).toEqual(
      ['broadcast', 'forward', 'hash', 'rebalance', 'rescale', 'shuffle', undefined].sort(),
    );
    expect(operators.some((op) => op.kind === 'union')).toBe(true);
    expect(operators.some((op) => op.kind === 'window' && op.parallelism > 1)).toBe(true);
    expect(edges.some((edge) => edge.sideOutput === 'late')).toBe(true);
    expect(operators.some((op) => String(op.params?.fn).includes('ctx.subtaskIndex'))).toBe(true);
    const twoInputs = corpus.some(({ jobGraph }) =>
      jobGraph.operators.some(
        (op) => op.kind !== 'union' && jobGraph.edges.filter((edge) => edge.target === op.id).length > 1,
      ),
    );
    expect(twoInputs).toBe(true);
    expect(corpus.filter(({ checks }) => checks.some((check) => check.perKey !== undefined)).length).toBeGreaterThan(
      30,
    );
  });
});

describe('sinkDifferences', () => {
  const checks = [{ sinkId: 'out', perKey: '(r) => r.k' }];
  it('accepts the same multiset in another order across keys, refuses another order within a key', () => {
    const a = [
      { k: 'x', v: 1 },
      { k: 'y', v: 1 },
      { k: 'x', v: 2 },
    ];
    expect(sinkDifferences(checks, { out: a }, { out: [a[1], a[0], a[2]] })).toEqual([]);
    expect(sinkDifferences(checks, { out: a }, { out: [a[2], a[1], a[0]] })).toEqual([
      'sink out, key "x": in order on Sluice [{"k":"x","v":1}, {"k":"x","v":2}], on Flink [{"k":"x","v":2}, {"k":"x","v":1}]',
    ]);
  });

  it('names the records only one engine produced, with their counts', () => {
    expect(sinkDifferences([{ sinkId: 'out' }], { out: [1, 1, 2] }, { out: [1, 3] })).toEqual([
      'sink out: 3 records on Sluice, 2 on Flink; only on Sluice: [1, 2]; only on Flink: [3]',
    ]);
  });
});
