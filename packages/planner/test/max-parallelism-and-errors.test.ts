import { describe, expect, it } from 'vitest';
import { planExecutionGraph } from '../src/index.js';
import { edge, jobGraph, op } from './job-graphs.js';

describe("§3 Key groups: a JobVertex's max parallelism", () => {
  it("defaults by parallelism (1…85 → 128, 86 → 256), yields to the job's, and the operator's own wins", () => {
    const graph = jobGraph(
      [
        op('small', 'source.sequence', 85),
        op('wide', 'source.sequence', 86),
        op('own', 'source.sequence', 2, { maxParallelism: 16 }),
      ],
      [],
    );
    expect(planExecutionGraph(graph).vertices.map((v) => v.maxParallelism)).toEqual([128, 256, 16]);
    expect(
      planExecutionGraph({ ...graph, config: { maxParallelism: 64 } }).vertices.map((v) => v.maxParallelism),
    ).toEqual([64, 64, 16]);
  });
});

describe('graphs validation should have rejected fail with the reason', () => {
  it('an edge to an unknown operator names the edge field', () => {
    expect(() => planExecutionGraph(jobGraph([op('a', 'source.sequence', 1)], [edge('a', 'ghost')]))).toThrow(
      'edges[0].target: no operator with id "ghost"',
    );
  });

  it('a cycle names the operators on it', () => {
    const graph = jobGraph(
      [op('s', 'source.sequence', 1), op('a', 'map', 1), op('b', 'map', 1)],
      [edge('s', 'b'), edge('b', 'a'), edge('a', 'b')],
    );
    expect(() => planExecutionGraph(graph)).toThrow('the JobGraph has a cycle through operators a, b');
  });
});
