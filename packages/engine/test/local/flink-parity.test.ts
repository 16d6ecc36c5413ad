/**
 * Behaviours the differential suite against Flink settled in Sluice (docs/semantics-differences.md): each checked
 * here on a whole job through runLocally, so the engine keeps them without a JVM.
 */
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { runLocally } from '../../src/local/local-execution.js';

const run = (jobGraph: JobGraph) => runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) }, { seed: 0 });

describe('§3 Key groups: a null key fails the job, as KeyGroupRangeAssignment does in Flink', () => {
  test.each([
    ['null', 'r => r.user'],
    ['undefined', 'r => r.missing'],
  ])('a key selector returning %s fails the job, naming the edge', (returned, key) => {
    const result = run({
      version: 1,
      name: 'null key',
      operators: [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: { user: null } }] } },
        { id: 'total', kind: 'reduce', parallelism: 2, params: { fn: '(a, v) => a' } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'total', partitioner: 'hash', key },
        { source: 'total', target: 'out' },
      ],
    });
    expect(result.status).toBe('FAILED');
    expect(result.failure).toMatchObject({
      vertexId: 'src',
      message: `Assigned key must not be null! The key selector of edge src -> total returned ${returned} for {"user":null}`,
    });
  });
});

describe('§1 rule 1: a union is virtual, its consumer reads both inputs through one union input gate', () => {
  test('a map reading two sources, and the same through a union operator, give every record once', () => {
    const operators: JobGraph['operators'] = [
      { id: 'a', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 4 } },
      { id: 'b', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 10 }, { value: 20 }] } },
      { id: 'm', kind: 'map', parallelism: 2, params: { fn: '(v) => v + 1' } },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ];
    const direct = run({
      version: 1,
      name: 'union input gate',
      operators,
      edges: [
        { source: 'a', target: 'm' },
        { source: 'b', target: 'm' },
        { source: 'm', target: 'out' },
      ],
    });
    const viaUnion = run({
      version: 1,
      name: 'union operator',
      operators: [...operators, { id: 'u', kind: 'union', parallelism: 7 }],
      edges: [
        { source: 'a', target: 'u' },
        { source: 'b', target: 'u' },
        { source: 'u', target: 'm' },
        { source: 'm', target: 'out' },
      ],
    });
    for (const result of [direct, viaUnion]) {
      expect(result.status).toBe('FINISHED');
      expect((result.sinks.out as number[]).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 11, 21]);
    }
    expect(viaUnion.tasks.map((t) => t.vertexId).sort()).toEqual(direct.tasks.map((t) => t.vertexId).sort());
  });
});
