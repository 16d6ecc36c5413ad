import { describe, expect, it } from 'vitest';
import { validateJobGraph } from '../src/index.js';
import { pipeline } from './job-graphs.js';

const problemsOf = (input: unknown) => validateJobGraph(input).problems;

describe('validateJobGraph: schema', () => {
  it('accepts a valid graph and returns it parsed', () => {
    const result = validateJobGraph(pipeline());
    expect(result).toEqual({ ok: true, jobGraph: pipeline(), problems: [] });
  });

  it('rejects a document that is not an object at the root', () => {
    expect(problemsOf('job')).toEqual([{ path: '$', message: 'must be an object, not the string "job"' }]);
  });

  it('names an unknown operator kind and lists the known ones', () => {
    const graph = pipeline();
    (graph.operators[1] as { kind: string }).kind = 'mapp';
    const problems = problemsOf(graph);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('$.operators[1].kind');
    expect(problems[0]?.message).toMatch(
      /^unknown operator kind "mapp"; the kinds are source\.sequence, .*, sink\.discard$/,
    );
  });

  it('reports a missing required param of the kind at its path', () => {
    const graph = pipeline();
    graph.operators[1]!.params = {};
    expect(problemsOf(graph)).toEqual([{ path: '$.operators[1].params.fn', message: 'is required (a string)' }]);
  });

  it('names a restart strategy of an unknown type and a bad restart parameter by path (§7 Restart strategies)', () => {
    const withStrategy = (restartStrategy: unknown) => ({ ...pipeline(), config: { restartStrategy } });
    expect(problemsOf(withStrategy({ type: 'bogus' }))).toEqual([
      {
        path: '$.config.restartStrategy.type',
        message: 'must be one of "none", "fixed-delay", "failure-rate", "exponential-delay", not "bogus"',
      },
    ]);
    expect(problemsOf(withStrategy({ type: 'fixed-delay', attempts: -1 }))).toEqual([
      { path: '$.config.restartStrategy.attempts', message: 'must be at least 0, not -1' },
    ]);
    expect(
      validateJobGraph(withStrategy({ type: 'exponential-delay', initialBackoffMs: 10, jitterFactor: 0 })).ok,
    ).toBe(true);
  });

  it('reports a param of the wrong type', () => {
    const graph = pipeline();
    graph.operators[0]!.params = { from: 'one', to: 10 };
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[0].params.from', message: 'must be a number, not the string "one"' },
    ]);
  });

  it('reports wrong types of operator and edge fields', () => {
    const graph = pipeline() as unknown as { operators: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    graph.operators[2]!.parallelism = 1.5;
    graph.edges[0]!.partitioner = 'roundRobin';
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[2].parallelism', message: 'must be an integer, not 1.5' },
      {
        path: '$.edges[0].partitioner',
        message: 'must be one of "forward", "rebalance", "rescale", "shuffle", "broadcast", "hash", not "roundRobin"',
      },
    ]);
  });

  it('checks the params of an operator whose other fields are broken', () => {
    const graph = pipeline() as unknown as { operators: Record<string, unknown>[] };
    graph.operators[1]!.parallelism = 'two';
    graph.operators[1]!.params = { fn: 42 };
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[1].parallelism', message: 'must be a number, not the string "two"' },
      { path: '$.operators[1].params.fn', message: 'must be a string, not the number 42' },
    ]);
  });

  it('reports a window with both an aggregate and a reduce function', () => {
    const graph = pipeline();
    graph.operators[1] = {
      id: 'double',
      kind: 'window',
      parallelism: 2,
      params: {
        assigner: { type: 'tumbling', sizeMs: 5, time: 'event' },
        aggregate: { count: true },
        reduce: '(a, b) => a',
      },
    };
    graph.edges[0] = { source: 'src', target: 'double', partitioner: 'hash', key: 'v => v' };
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[1].params.aggregate', message: 'a window needs exactly one of "aggregate" or "reduce"' },
    ]);
  });

  it('reports every problem of the document at once, schema and graph rules alike', () => {
    const graph = pipeline() as unknown as {
      version: number;
      operators: Record<string, unknown>[];
      edges: Record<string, unknown>[];
    };
    graph.version = 2;
    graph.operators[0]!.parallelism = 0;
    graph.operators[1]!.params = { fn: 'value =>' };
    graph.edges[1]!.target = 'nowhere';
    expect(problemsOf(graph)).toEqual([
      { path: '$.version', message: 'must be 1, not 2' },
      { path: '$.operators[0].parallelism', message: 'must be at least 1, not 0' },
      { path: '$.operators[1].params.fn', message: expect.stringMatching(/^is not valid JavaScript: /) as string },
      { path: '$.edges[1].target', message: 'no operator has id "nowhere"' },
      { path: '$.operators[2]', message: '"out" (sink.collect) has no input; connect an edge into it' },
    ]);
  });
});
