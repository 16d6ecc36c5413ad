import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFlinkPlan, PLACEHOLDER_KEY_SELECTOR, validateJobGraph, type JobGraph } from '../src/index.js';

const PLANS = '/work/shared/examples/flink-plans';
const planFile = (name: string): unknown => JSON.parse(readFileSync(`${PLANS}/${name}`, 'utf8'));

function imported(json: unknown): { jobGraph: JobGraph; notes: { path: string; message: string }[] } {
  const result = importFlinkPlan(json);
  if ('problems' in result) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result;
}

const problemsOf = (json: unknown) => {
  const result = importFlinkPlan(json);
  return 'problems' in result ? result.problems : [];
};

/** The operators as [id, kind, Flink name, parallelism], the edges as [source, target, partitioner]. */
const shape = (graph: JobGraph) => ({
  operators: graph.operators.map((op) => [op.id, op.kind, op.name, op.parallelism]),
  edges: graph.edges.map((e) => [e.source, e.target, e.partitioner]),
});

describe('importFlinkPlan: getExecutionPlan() (StreamGraph JSON)', () => {
  const { jobGraph, notes } = imported(planFile('chinw_flink_wordcount_streamgraph.json'));

  it('turns each node into an operator with its parallelism and each predecessor into an edge (§3 Partitioners)', () => {
    expect(shape(jobGraph)).toEqual({
      operators: [
        ['source-custom-source', 'flink.unsupported', 'Source: Custom Source', 1],
        ['flat-map', 'flatMap', 'Flat Map', 8],
        ['keyed-aggregation', 'sum', 'Keyed Aggregation', 8],
        ['sink-unnamed', 'sink.collect', 'Sink: Unnamed', 8],
      ],
      edges: [
        ['source-custom-source', 'flat-map', 'rebalance'],
        ['flat-map', 'keyed-aggregation', 'hash'],
        ['keyed-aggregation', 'sink-unnamed', 'forward'],
      ],
    });
    expect(jobGraph.edges[1]!.key).toBe(PLACEHOLDER_KEY_SELECTOR);
    expect(jobGraph.operators[0]!.params).toEqual({ flinkName: 'Source: Custom Source' });
    expect(jobGraph.operators[1]!.params).toEqual({ fn: '(value, ctx) => [value]' });
  });

  it('notes every placeholder at the node or ship strategy it stands for', () => {
    expect(notes.map((n) => n.path)).toEqual([
      '$.nodes[0]',
      '$.nodes[1]',
      '$.nodes[2]',
      '$.nodes[3]',
      '$.nodes[2].predecessors[0].ship_strategy',
    ]);
    expect(notes[0]!.message).toBe(
      '"Source: Custom Source" has no Sluice equivalent: drawn as an operator that cannot run',
    );
    expect(notes[4]!.message).toContain('key selector');
  });

  it('names the job after the fallback, as this format carries no name', () => {
    expect(jobGraph.name).toBe('Flink plan');
    const named = importFlinkPlan(planFile('chinw_flink_wordcount_streamgraph.json'), 'wordcount-plan');
    expect('jobGraph' in named && named.jobGraph.name).toBe('wordcount-plan');
  });

  it('gives a JobGraph whose only problem is the operator that cannot run', () => {
    expect(validateJobGraph(jobGraph).problems).toEqual([
      {
        path: '$.operators[0].kind',
        message:
          'cannot run: Sluice has no equivalent of the Flink operator "Source: Custom Source"; replace it with a Sluice operator',
      },
    ]);
  });

  it('runs once the unsupported source is replaced: the rest is a valid job', () => {
    const fixed = structuredClone(jobGraph);
    fixed.operators[0] = {
      id: 'source-custom-source',
      kind: 'source.collection',
      parallelism: 1,
      params: { elements: [{ value: 'a' }] },
    };
    expect(validateJobGraph(fixed).problems).toEqual([]);
  });
});

describe('importFlinkPlan: REST JobGraph plan (GET /jobs/:id/plan)', () => {
  const json = planFile('flink_test_statementset_jobgraph_plan.json');
  const { jobGraph, notes } = imported(json);
  const chain = (suffix: string, field: string) => [
    [`source-custom-file-source${suffix}`, 'flink.unsupported', 'Source: Custom File source', 1],
    [`csvtablesource${suffix}`, 'flink.unsupported', `CsvTableSource(read fields: ${field})`, 1],
    [
      `sourceconversion${suffix}`,
      'flink.unsupported',
      `SourceConversion(table=[default_catalog.default_database.MyTable, source: [CsvTableSource(read fields: ${field})]], fields=[${field}])`,
      1,
    ],
    [`sinkconversion-to-row${suffix}`, 'flink.unsupported', 'SinkConversion To Row', 1],
    [`map${suffix}`, 'map', 'Map', 1],
    [`sink-csvtablesink${suffix}`, 'sink.collect', 'Sink: CsvTableSink(first)', 1],
  ];

  it('takes each JobVertex chain apart into its operators, joined by forward edges (§1 Operator chaining), upstream vertices first', () => {
    const ids = (suffix: string) => chain(suffix, '').map((op) => op[0] as string);
    const pipeline = (suffix: string) =>
      ids(suffix)
        .slice(1)
        .map((id, i) => [ids(suffix)[i], id, 'forward']);
    expect(shape(jobGraph)).toEqual({
      operators: [...chain('', 'last'), ...chain('-2', 'first')],
      edges: [...pipeline(''), ...pipeline('-2')],
    });
    expect(jobGraph.name).toBe('Flink Exec Table Job');
  });

  it('notes chained operators at their vertex description', () => {
    expect(notes).toHaveLength(12);
    expect(notes[0]).toEqual({
      path: '$.nodes[1].description',
      message: '"Source: Custom File source" has no Sluice equivalent: drawn as an operator that cannot run',
    });
    expect(notes[4]!.path).toBe('$.nodes[0].description');
    expect(notes[4]!.message).toMatch(/^"Map" → map: /);
  });

  it('reads the same plan inside JobPlanInfo ({"plan": ...}) and names paths under $.plan', () => {
    expect(imported({ plan: json }).jobGraph).toEqual(jobGraph);
    expect(imported({ plan: json }).notes[0]!.path).toBe('$.plan.nodes[1].description');
  });
});

/** A REST plan: vertices given as [id, parallelism, description, inputs]. */
function restPlan(...vertices: [string, number, string, { id: string; ship_strategy: string; exchange?: string }[]][]) {
  return {
    jid: 'j',
    name: 'job',
    nodes: vertices.map(([id, parallelism, description, inputs]) => ({ id, parallelism, description, inputs })),
  };
}

describe('importFlinkPlan: ship strategies and operator names', () => {
  const twoVertices = (strategy: string, targetParallelism = 4, exchange?: string) =>
    imported(
      restPlan(
        ['a', 2, 'Source: Sequence Source<br/>+- Filter<br/>', []],
        [
          'b',
          targetParallelism,
          'Keyed Reduce<br/>+- Sink: Print to Std. Out<br/>',
          [{ id: 'a', ship_strategy: strategy, ...(exchange ? { exchange } : {}) }],
        ],
      ),
    );

  it.each([
    ['REBALANCE', 'rebalance'],
    ['RESCALE', 'rescale'],
    ['SHUFFLE', 'shuffle'],
    ['BROADCAST', 'broadcast'],
    ['HASH', 'hash'],
  ] as const)('%s becomes %s (§3 Partitioners)', (strategy, partitioner) => {
    expect(twoVertices(strategy).jobGraph.edges[1]).toEqual({
      source: 'filter',
      target: 'keyed-reduce',
      partitioner,
      ...(strategy === 'HASH' ? { key: PLACEHOLDER_KEY_SELECTOR } : {}),
    });
  });

  it('maps the names it can honestly map, unescaping the description and dropping the Table planner\'s "[n]:"', () => {
    expect(shape(twoVertices('REBALANCE').jobGraph).operators).toEqual([
      ['source-sequence-source', 'source.sequence', 'Source: Sequence Source', 2],
      ['filter', 'filter', 'Filter', 2],
      ['keyed-reduce', 'reduce', 'Keyed Reduce', 4],
      ['sink-print-to-std-out', 'sink.print', 'Sink: Print to Std. Out', 4],
    ]);
    const named = imported(restPlan(['a', 1, '[7]:Calc(select=[a &gt; 1])<br/>+- Source: Collection Source<br/>', []]))
      .jobGraph.operators;
    expect(named.map((op) => [op.kind, op.name])).toEqual([
      ['flink.unsupported', 'Calc(select=[a > 1])'],
      ['source.collection', 'Source: Collection Source'],
    ]);
  });

  it("GLOBAL becomes rebalance with a note on how it differs; an unknown strategy leaves Flink's default", () => {
    const global = twoVertices('GLOBAL');
    expect(global.jobGraph.edges[1]!.partitioner).toBe('rebalance');
    expect(global.notes.find((n) => n.path === '$.nodes[1].inputs[0].ship_strategy')?.message).toMatch(
      /no GLOBAL partitioner.*set the target's parallelism to 1/,
    );
    const custom = twoVertices('CUSTOM');
    expect(custom.jobGraph.edges[1]).toEqual({ source: 'filter', target: 'keyed-reduce' });
    expect(custom.notes.find((n) => n.path === '$.nodes[1].inputs[0].ship_strategy')?.message).toBe(
      'unknown ship strategy "CUSTOM"; the edge gets Flink\'s default partitioner',
    );
  });

  it('notes a blocking exchange, which Sluice runs pipelined', () => {
    expect(twoVertices('REBALANCE', 4, 'blocking').notes.at(-1)).toEqual({
      path: '$.nodes[1].inputs[0].ship_strategy',
      message: 'Flink exchanged this data "blocking"; Sluice streams it pipelined',
    });
    expect(twoVertices('REBALANCE', 4, 'pipelined_bounded').notes.some((n) => n.message.includes('pipelined'))).toBe(
      false,
    );
  });

  it('follows a branching chain tree and connects the next vertex from its last operator, with a note', () => {
    const branching = imported(
      restPlan(
        ['a', 1, 'Source: Sequence Source<br/>:- Map<br/>:  +- Sink: Print to Std. Out<br/>+- Filter<br/>', []],
        ['b', 1, 'Sink: Unnamed', [{ id: 'a', ship_strategy: 'FORWARD' }]],
      ),
    );
    expect(shape(branching.jobGraph).edges).toEqual([
      ['source-sequence-source', 'map', 'forward'],
      ['map', 'sink-print-to-std-out', 'forward'],
      ['source-sequence-source', 'filter', 'forward'],
      ['filter', 'sink-unnamed', 'forward'],
    ]);
    expect(branching.notes.at(-1)!.message).toBe(
      'the upstream chain branches and the plan does not say which branch feeds this input; connected from its last operator "Filter"',
    );
  });
});

describe('importFlinkPlan: bad files name what is wrong and where', () => {
  it.each([
    [
      'a string',
      '"plan"',
      [{ path: '$', message: expect.stringMatching(/^is not a Flink plan: expected getExecutionPlan/) }],
    ],
    [
      'a Sluice JobGraph',
      { version: 1, name: 'x', operators: [], edges: [] },
      [{ path: '$', message: 'is a Sluice JobGraph, not a Flink plan: open it with Load instead' }],
    ],
    [
      'nodes of neither format',
      { nodes: [{ foo: 1 }] },
      [{ path: '$.nodes', message: expect.stringMatching(/^is not a Flink plan/) }],
    ],
    ['no nodes', { nodes: [] }, [{ path: '$.nodes', message: 'is empty; a Flink plan has at least one node' }]],
    [
      'a wrapped plan without nodes',
      { plan: { jid: 'x' } },
      [{ path: '$.plan', message: expect.stringMatching(/^is not a Flink plan/) }],
    ],
  ])('%s', (_, json, problems) => {
    expect(problemsOf(json)).toEqual(problems);
  });

  it('reports field problems of an execution plan with their JSON paths', () => {
    const plan = planFile('chinw_flink_wordcount_streamgraph.json') as { nodes: Record<string, unknown>[] };
    plan.nodes[1]!.parallelism = 0;
    delete plan.nodes[2]!.type;
    expect(problemsOf(plan)).toEqual([
      { path: '$.nodes[1].parallelism', message: 'must be at least 1, not 0' },
      { path: '$.nodes[2].type', message: 'is required (a string)' },
    ]);
  });

  it('reports a predecessor that is not in the plan, and a duplicate node id', () => {
    const plan = planFile('chinw_flink_wordcount_streamgraph.json') as {
      nodes: { id: number; predecessors?: { id: number }[] }[];
    };
    plan.nodes[3]!.predecessors![0]!.id = 9;
    plan.nodes[2]!.id = 2;
    expect(problemsOf(plan)).toEqual([
      { path: '$.nodes[2].id', message: 'duplicate node id 2 ($.nodes[1] has it too)' },
      { path: '$.nodes[3].predecessors[0].id', message: 'no node has id 9' },
    ]);
  });

  it('reports a REST plan input from a missing vertex, a description without operators, and a cycle', () => {
    expect(problemsOf(restPlan(['a', 1, 'Map', [{ id: 'zz', ship_strategy: 'FORWARD' }]]))).toEqual([
      { path: '$.nodes[0].inputs[0].id', message: 'no node has id "zz"' },
    ]);
    expect(problemsOf(restPlan(['a', 1, '<br/>', []]))).toEqual([
      {
        path: '$.nodes[0].description',
        message: 'names no operator; a JobVertex description lists its chained operators',
      },
    ]);
    expect(
      problemsOf(
        restPlan(
          ['a', 1, 'Map', [{ id: 'b', ship_strategy: 'FORWARD' }]],
          ['b', 1, 'Filter', [{ id: 'a', ship_strategy: 'FORWARD' }]],
        ),
      ),
    ).toEqual([
      {
        path: '$.nodes[0].inputs[0].ship_strategy',
        message: '"Map" is on a cycle of exchanges; a Flink plan is acyclic',
      },
    ]);
  });

  it('reports a REST plan field of the wrong type', () => {
    const plan = planFile('flink_test_statementset_jobgraph_plan.json') as { nodes: Record<string, unknown>[] };
    plan.nodes[2]!.parallelism = '1';
    expect(problemsOf({ plan })).toEqual([
      { path: '$.plan.nodes[2].parallelism', message: 'must be a number, not the string "1"' },
    ]);
  });
});
