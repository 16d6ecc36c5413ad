import { describe, expect, it } from 'vitest';
import { CATALOGUE, EXAMPLES, exampleById, validateJobGraph } from '../src/index.js';
import { sinkRecords } from './reference-evaluator.js';

const sorted = (records: unknown[]): string[] => records.map((r) => JSON.stringify(r)).sort();

describe('built-in examples', () => {
  it('has unique ids, wordcount first, and every text in English and Chinese', () => {
    expect(EXAMPLES.map((e) => e.id)).toEqual([
      'wordcount',
      'figure-3-2',
      'task-chaining',
      'backpressure-slow-sink',
      'key-skew',
      'out-of-order-tumbling',
      'slow-source-holds-watermark',
      'idle-partition',
      'session-merge',
      'fraud-detection',
      'keyed-state-checkpoints',
      'recovery',
      'savepoint-rescaling',
    ]);
    for (const { title, description } of EXAMPLES) {
      for (const text of [title.en, title.zh, description.en, description.zh]) expect(text.length).toBeGreaterThan(0);
    }
  });

  it('finds an example by id, and nothing for an unknown id', () => {
    expect(exampleById('figure-3-2')?.jobGraph.operators.map((o) => o.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(exampleById('nope')).toBeUndefined();
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s validates', (_id, example) => {
    expect(validateJobGraph(example.jobGraph)).toEqual({ ok: true, jobGraph: example.jobGraph, problems: [] });
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s documents the records of each of its sinks', (_id, example) => {
    const sinks = example.jobGraph.operators.filter((op) => CATALOGUE[op.kind].role === 'sink').map((op) => op.id);
    expect(Object.keys(example.expectedSinkRecords)).toEqual(sinks);
    // Which records are late depends on watermarks, and a process function's output on its state and timers,
    // which a batch evaluation has not: the engine's tests run those examples and check their records instead.
    if (example.jobGraph.operators.some((op) => ['watermarks', 'window', 'process'].includes(op.kind))) return;
    const evaluated = sinkRecords(example.jobGraph);
    for (const sink of sinks)
      expect(sorted(evaluated[sink] ?? [])).toEqual(sorted(example.expectedSinkRecords[sink] ?? []));
  });

  it('wordcount counts words with a rolling sum: "to" arrives as 1, 2, 3', () => {
    const { jobGraph, expectedSinkRecords } = exampleById('wordcount')!;
    expect(expectedSinkRecords.counts).toHaveLength(18);
    expect(expectedSinkRecords.counts?.filter((r) => (r as { word: string }).word === 'to')).toEqual([
      { word: 'to', count: 1 },
      { word: 'to', count: 2 },
      { word: 'to', count: 3 },
    ]);
    expect(Math.max(...jobGraph.operators.map((o) => o.parallelism))).toBe(2);
    expect(jobGraph.edges.find((e) => e.target === 'count')).toEqual({
      source: 'tokenize',
      target: 'count',
      partitioner: 'hash',
      key: 'r => r.word',
    });
    for (const op of jobGraph.operators) expect(op.position, op.id).toBeDefined();
  });

  it('figure-3-2 needs 4 slots and runs about 3 seconds', () => {
    const { jobGraph, expectedSinkRecords } = exampleById('figure-3-2')!;
    expect(jobGraph.operators.map((o) => [o.id, o.kind, o.parallelism])).toEqual([
      ['A', 'source.sequence', 4],
      ['B', 'map', 4],
      ['C', 'source.sequence', 2],
      ['D', 'map', 4],
      ['E', 'sink.collect', 2],
    ]);
    // One slot sharing group, so the slots required are the largest parallelism (§2 Slot sharing).
    expect(Math.max(...jobGraph.operators.map((o) => o.parallelism))).toBe(4);
    for (const source of jobGraph.operators.filter((o) => o.kind === 'source.sequence')) {
      const { from, to, ratePerSecond } = source.params as { from: number; to: number; ratePerSecond: number };
      expect((to - from + 1) / ratePerSecond, source.id).toBe(3);
    }
    expect(expectedSinkRecords.E).toHaveLength(180);
  });
});
