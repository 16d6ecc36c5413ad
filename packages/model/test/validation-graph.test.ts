import { describe, expect, it } from 'vitest';
import { validateJobGraph, type JobGraph } from '../src/index.js';
import { pipeline } from './job-graphs.js';

const problemsOf = (graph: JobGraph) => validateJobGraph(graph).problems;

/** src (p2) → double (p2) → keyed (p2, the operator under test) → out (p1). */
function withOperatorAfterMap(spec: JobGraph['operators'][number], edge: Partial<JobGraph['edges'][number]>): JobGraph {
  const graph = pipeline();
  graph.operators.push(spec);
  graph.edges[1] = { source: 'double', target: spec.id, ...edge };
  graph.edges.push({ source: spec.id, target: 'out', partitioner: 'rebalance' });
  return graph;
}

describe('validateJobGraph: graph rules', () => {
  it('refuses an empty job and a job without a sink, as Flink does (StreamExecutionEnvironment)', () => {
    const flink = '"No operators defined in streaming topology. Cannot execute."';
    expect(problemsOf({ version: 1, name: 'empty', operators: [], edges: [] })).toEqual([
      {
        path: '$.operators',
        message: `the job has no operators; add a source and a sink (Flink refuses it: ${flink})`,
      },
    ]);
    const noSink = pipeline();
    noSink.operators = noSink.operators.filter((op) => op.id !== 'out');
    noSink.edges = noSink.edges.filter((edge) => edge.target !== 'out');
    expect(problemsOf(noSink)).toEqual([
      {
        path: '$.operators',
        message: `the job has no sink, so its results go nowhere; connect a sink to the end of the pipeline (Flink refuses a job whose operators lead to no sink: ${flink})`,
      },
    ]);
  });

  it('reports a duplicate operator id on the later operator', () => {
    const graph = pipeline();
    graph.operators.push({ id: 'double', kind: 'sink.discard', parallelism: 1 });
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[3].id', message: 'duplicate operator id "double" ($.operators[1] has it too)' },
    ]);
  });

  it('reports an edge from and to a missing operator on the edge field', () => {
    const graph = pipeline();
    graph.edges.push({ source: 'ghost', target: 'phantom', partitioner: 'rebalance' });
    expect(problemsOf(graph)).toEqual([
      { path: '$.edges[2].source', message: 'no operator has id "ghost"' },
      { path: '$.edges[2].target', message: 'no operator has id "phantom"' },
    ]);
  });

  it('reports a cycle naming the operators on it', () => {
    const graph = pipeline();
    graph.operators.splice(
      2,
      0,
      { id: 'merge', kind: 'union', parallelism: 2 },
      { id: 'inc', kind: 'map', parallelism: 2, params: { fn: 'v => v + 1' } },
    );
    graph.edges = [
      { source: 'src', target: 'merge' },
      { source: 'merge', target: 'double' },
      { source: 'double', target: 'inc' },
      { source: 'inc', target: 'merge' },
      { source: 'inc', target: 'out' },
    ];
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.edges[3]',
        message: 'closes the cycle "merge" -> "double" -> "inc" -> "merge"; a JobGraph must be acyclic',
      },
    ]);
  });

  it('reports parallelism below 1', () => {
    const graph = pipeline();
    graph.operators[1]!.parallelism = -1;
    graph.edges[0]!.partitioner = 'rebalance';
    expect(problemsOf(graph)).toEqual([{ path: '$.operators[1].parallelism', message: 'must be at least 1, not -1' }]);
  });

  // §3 Key groups: every subtask owns at least one key group.
  it("reports parallelism above the operator's own maxParallelism (§3 Key groups)", () => {
    const graph = pipeline();
    graph.operators[2] = { id: 'out', kind: 'sink.collect', parallelism: 5, maxParallelism: 4 };
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[2].parallelism', message: "5 is more than the operator's maxParallelism 4" },
    ]);
  });

  it("reports parallelism above the job's config.maxParallelism, unless the operator sets its own (§3 Key groups)", () => {
    const graph = pipeline();
    graph.config = { maxParallelism: 1 };
    graph.operators[0]!.maxParallelism = 2;
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[1].parallelism', message: "2 is more than the job's config.maxParallelism 1" },
    ]);
  });

  it('reports parallelism above 32768, the upper bound of max parallelism (§3 Key groups)', () => {
    const graph = pipeline();
    graph.operators[2]!.parallelism = 32769;
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.operators[2].parallelism',
        message: "32769 is more than Flink's upper bound of max parallelism 32768",
      },
    ]);
  });

  it('reports an edge into a source on its target', () => {
    const graph = pipeline();
    graph.edges.push({ source: 'double', target: 'src', partitioner: 'forward' });
    const problems = problemsOf(graph);
    expect(problems).toContainEqual({
      path: '$.edges[2].target',
      message: '"src" is a source (source.sequence); a source takes no input',
    });
    // The edge also closes src -> double -> src.
    expect(problems).toHaveLength(2);
  });

  it('reports an edge out of a sink on its source', () => {
    const graph = pipeline();
    graph.operators.push({ id: 'log', kind: 'sink.print', parallelism: 1 });
    graph.edges.push({ source: 'out', target: 'log', partitioner: 'forward' });
    expect(problemsOf(graph)).toEqual([
      { path: '$.edges[2].source', message: '"out" is a sink (sink.collect); a sink has no output' },
    ]);
  });

  it('accepts a one-input operator reading several edges through a union input gate, as Flink (figure 3-2)', () => {
    const graph = pipeline();
    graph.operators.push({ id: 'more', kind: 'source.sequence', parallelism: 2, params: { from: 100 } });
    graph.edges.push({ source: 'more', target: 'double' }, { source: 'src', target: 'out', partitioner: 'rebalance' });
    expect(problemsOf(graph)).toEqual([]);
  });

  it('keeps a union valid: its forward edges are checked between the real producer and consumer (§1)', () => {
    const graph = pipeline();
    graph.operators.push({ id: 'more', kind: 'source.sequence', parallelism: 3, params: { from: 100 } });
    graph.operators.push({ id: 'merge', kind: 'union', parallelism: 1 });
    graph.edges = [
      { source: 'src', target: 'merge', partitioner: 'forward' },
      { source: 'more', target: 'merge', partitioner: 'forward' },
      { source: 'merge', target: 'double' },
      { source: 'double', target: 'out' },
    ];
    // src (p2) and double (p2) meet through the union; more (p3) does not, and the union's own p1 does not count.
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.edges[1].partitioner',
        message:
          'forward needs equal parallelism on both sides, but through the union "more" has 3 and "double" has 2; use rebalance or rescale',
      },
    ]);
    graph.edges[2] = { source: 'merge', target: 'double', partitioner: 'rebalance' };
    expect(problemsOf(graph)).toEqual([]);
  });

  it('reports keyed inputs with different key selectors: a keyed stream has one', () => {
    const graph = withOperatorAfterMap(
      { id: 'total', kind: 'sum', parallelism: 2 },
      { partitioner: 'hash', key: 'v => v' },
    );
    graph.edges.push({ source: 'src', target: 'total', partitioner: 'hash', key: 'v => v % 2' });
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.operators[3]',
        message:
          '"total" (sum) reads inputs keyed by different key selectors ("v => v", "v => v % 2"); a keyed stream has one key selector, so key every input alike',
      },
    ]);
  });

  it("reports a window on a non-keyed stream above parallelism 1: Flink's windowAll is non-parallel", () => {
    const window = {
      id: 'win',
      kind: 'window' as const,
      parallelism: 2,
      params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { count: true } },
    };
    expect(problemsOf(withOperatorAfterMap(window, { partitioner: 'rebalance' }))).toEqual([
      {
        path: '$.operators[3].parallelism',
        message:
          "a window on a non-keyed stream is Flink's windowAll, which runs with parallelism 1, not 2; key its input with a hash edge or set parallelism 1",
      },
    ]);
    expect(problemsOf(withOperatorAfterMap({ ...window, parallelism: 1 }, { partitioner: 'rebalance' }))).toEqual([]);
    expect(problemsOf(withOperatorAfterMap(window, { partitioner: 'hash', key: 'v => v' }))).toEqual([]);
  });

  it('reports a non-source operator without input', () => {
    const graph = pipeline();
    graph.operators.push({ id: 'lonely', kind: 'filter', parallelism: 1, params: { fn: 'v => v > 1' } });
    expect(problemsOf(graph)).toEqual([
      { path: '$.operators[3]', message: '"lonely" (filter) has no input; connect an edge into it' },
    ]);
  });

  it('reports a hash edge without a key', () => {
    const graph = withOperatorAfterMap({ id: 'total', kind: 'sum', parallelism: 2 }, { partitioner: 'hash' });
    expect(problemsOf(graph)).toEqual([
      { path: '$.edges[1].key', message: 'a hash edge needs a key selector, e.g. "r => r.user"' },
    ]);
  });

  it('reports a key on an edge that is not hash, explicit or by default (§1)', () => {
    const graph = pipeline();
    graph.edges[1]!.key = 'v => v';
    delete graph.edges[0]!.partitioner;
    graph.edges[0]!.key = 'v => v';
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.edges[0].key',
        message: 'only a hash edge takes a key; set "partitioner": "hash" (without a partitioner this edge is forward)',
      },
      {
        path: '$.edges[1].key',
        message: 'only a hash edge takes a key; set "partitioner": "hash" (this edge is rebalance)',
      },
    ]);
  });

  it('reports a keyed operator (sum, reduce) whose input is not a hash edge', () => {
    const graph = withOperatorAfterMap(
      { id: 'total', kind: 'reduce', parallelism: 2, params: { fn: '(a, v) => a + v' } },
      {},
    );
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.edges[1].partitioner',
        message: '"total" (reduce) works on a keyed stream, so its input must be a hash edge with a key (keyBy)',
      },
    ]);
  });

  it('reports an explicit forward edge between unequal parallelisms, as Flink throws (§1)', () => {
    const graph = pipeline();
    graph.edges[1]!.partitioner = 'forward';
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.edges[1].partitioner',
        message:
          'forward needs equal parallelism on both sides, but "double" has 2 and "out" has 1; use rebalance or rescale',
      },
    ]);
    // Without a partitioner the same edge is rebalance (§1), which is fine.
    delete graph.edges[1]!.partitioner;
    expect(validateJobGraph(graph).ok).toBe(true);
  });

  it('reports function params and key selectors that do not parse', () => {
    const graph = withOperatorAfterMap(
      { id: 'total', kind: 'sum', parallelism: 2, params: { field: 'n' } },
      { partitioner: 'hash', key: 'r => r.' },
    );
    graph.operators[1]!.params = { fn: 'value * 2' };
    const problems = problemsOf(graph);
    expect(problems.map((p) => p.path)).toEqual(['$.operators[1].params.fn', '$.edges[1].key']);
    expect(problems[0]?.message).toBe('must be a single function expression, e.g. "(value, ctx) => value"');
    expect(problems[1]?.message).toMatch(/^is not valid JavaScript: /);
  });

  it('rejects an expression in parentheses that is not a function', () => {
    const graph = pipeline();
    graph.operators[1]!.params = { fn: '(1 + 2)' };
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.operators[1].params.fn',
        message: 'must be a single function expression, e.g. "(value, ctx) => value"',
      },
    ]);
  });

  it('rejects source that escapes its parentheses, and never calls user code', () => {
    const graph = pipeline();
    const marker = '__sluiceValidationRanUserCode';
    graph.operators[1]!.params = { fn: `(() => { globalThis.${marker} = true; return (v) => v; })()` };
    graph.edges.push({
      source: 'double',
      target: 'out',
      partitioner: 'hash',
      key: `(v) => v)((globalThis.${marker} = true)`,
    });
    graph.operators.push({ id: 'out2', kind: 'sink.discard', parallelism: 1 });
    graph.edges[2]!.target = 'out2';
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.operators[1].params.fn',
        message: 'must be a single function expression, e.g. "(value, ctx) => value"',
      },
      { path: '$.edges[2].key', message: 'must be a single function expression, e.g. "(value, ctx) => value"' },
    ]);
    expect(marker in globalThis).toBe(false);
  });

  it('accepts the function forms users write', () => {
    for (const fn of [
      'v => v',
      '(v, ctx) => ctx.subtaskIndex',
      'function (v) { return v; }',
      'async (v) => v',
      '(s = ")") => s',
      '(v => v)',
    ]) {
      const graph = pipeline();
      graph.operators[1]!.params = { fn };
      expect(validateJobGraph(graph).ok, fn).toBe(true);
    }
  });

  it('reports a side output on an edge that does not leave a window or a process function', () => {
    const graph = pipeline();
    graph.edges[1]!.sideOutput = 'late';
    expect(problemsOf(graph)).toEqual([
      {
        path: '$.edges[1].sideOutput',
        message: 'only a window, a process or a coProcess function has side outputs; "double" is a map',
      },
    ]);
  });

  it('accepts a late side output leaving a window', () => {
    const graph = withOperatorAfterMap(
      {
        id: 'win',
        kind: 'window',
        parallelism: 2,
        params: {
          assigner: { type: 'tumbling', sizeMs: 5, time: 'event' },
          aggregate: { count: true },
          lateOutput: true,
        },
      },
      { partitioner: 'hash', key: 'v => v % 3' },
    );
    graph.operators.push({ id: 'late', kind: 'sink.collect', parallelism: 1 });
    graph.edges.push({ source: 'win', target: 'late', partitioner: 'rebalance', sideOutput: 'late' });
    expect(problemsOf(graph)).toEqual([]);
    graph.edges.at(-1)!.sideOutput = 'alerts';
    expect(problemsOf(graph)).toEqual([
      {
        path: `$.edges[${graph.edges.length - 1}].sideOutput`,
        message: 'a window\'s only side output is "late" (its late records), not "alerts"',
      },
    ]);
  });

  it('accepts any side output tag leaving a process function, keyed or not', () => {
    for (const edge of [{ partitioner: 'hash' as const, key: 'v => v % 3' }, { partitioner: 'rebalance' as const }]) {
      const graph = withOperatorAfterMap(
        { id: 'proc', kind: 'process', parallelism: 2, params: { fn: '(v, ctx, out) => ctx.output("odd", v)' } },
        edge,
      );
      graph.operators.push({ id: 'odd', kind: 'sink.collect', parallelism: 1 });
      graph.edges.push({ source: 'proc', target: 'odd', partitioner: 'rebalance', sideOutput: 'odd' });
      expect(problemsOf(graph)).toEqual([]);
    }
  });

  it('a punctuated watermark strategy needs fn, and only it takes one', () => {
    const message =
      'the punctuated strategy needs "fn" ("(value, timestamp) => watermark or null"); the others take none';
    const punctuated = withOperatorAfterMap(
      { id: 'wm', kind: 'watermarks', parallelism: 1, params: { strategy: 'punctuated' } },
      {},
    );
    expect(problemsOf(punctuated)).toEqual([{ path: '$.operators[3].params.fn', message }]);
    punctuated.operators[3]!.params = { strategy: 'punctuated', fn: '(v, ts) => (v % 2 ? ts : null)' };
    expect(problemsOf(punctuated)).toEqual([]);
    punctuated.operators[3]!.params = { strategy: 'monotonous', fn: '(v, ts) => ts' };
    expect(problemsOf(punctuated)).toEqual([{ path: '$.operators[3].params.fn', message }]);
  });

  it('a window trigger names what it lacks: count for a count trigger, intervalMs for a continuous one', () => {
    const window = (trigger: Record<string, unknown>) =>
      withOperatorAfterMap(
        {
          id: 'win',
          kind: 'window',
          parallelism: 2,
          params: { assigner: { type: 'count', size: 3 }, trigger, aggregate: { count: true } },
        },
        { partitioner: 'hash', key: 'v => v % 3' },
      );
    expect(problemsOf(window({ type: 'count', count: 2, purging: true }))).toEqual([]);
    expect(problemsOf(window({ type: 'count' }))).toEqual([
      { path: '$.operators[3].params.trigger.count', message: 'a count trigger needs "count", and only it takes one' },
    ]);
    expect(problemsOf(window({ type: 'continuousEventTime', count: 2 })).map((p) => p.path)).toEqual([
      '$.operators[3].params.trigger.count',
      '$.operators[3].params.trigger.intervalMs',
    ]);
  });

  it('reports a process function without fn, and a malformed onTimer, by their JSON paths', () => {
    const graph = withOperatorAfterMap(
      { id: 'proc', kind: 'process', parallelism: 1, params: { onTimer: '(t, ctx, out) =>' } },
      {},
    );
    expect(problemsOf(graph).map((p) => p.path)).toEqual(['$.operators[3].params.fn', '$.operators[3].params.onTimer']);
  });
});
