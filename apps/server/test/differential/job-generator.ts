/**
 * Random JobGraphs for the differential suite: fast-check draws plain choices (numbers and flags), and a pure
 * builder turns them into a valid JobGraph, so shrinking a failing job removes stages and lowers parallelism.
 *
 * Outputs must not depend on scheduling, or the two engines could not be compared. So an operator whose output
 * depends on the order of its input (a running reduce/sum/min/max, an event-time window with its lateness) only
 * reads a "sequential" stream: one producer subtask over one edge, whose own records came in a fixed order. Every
 * other operator may read anything, and its sink is compared as a multiset. Watermarks are emitted per record, never
 * periodically, so which records are late depends on the input alone (§5 Lateness).
 */
import fc from 'fast-check';
import type { EdgeSpec, JobConfig, JobGraph, OperatorSpec, Partitioner } from '@sluice/model';
import {
  FILTERS,
  FLAT_MAPS,
  KEYS,
  KEYS_OF_K,
  KEY_VALUES,
  MAPS,
  REDUCES,
  SHAPE_SEQUENCE,
  TAG_SUBTASK,
  WINDOW_AGGREGATES,
  WINDOW_REDUCE,
} from './function-menu.js';

/** How a sink's records are compared: always as a multiset; per key in order behind a keyed operator. */
export interface SinkCheck {
  sinkId: string;
  /** Key selector source applied to the sink's records; records of one key must arrive in the same order. */
  perKey?: string;
}

export interface GeneratedJob {
  jobGraph: JobGraph;
  checks: SinkCheck[];
}

const pick = <T>(menu: readonly T[], choice: number): T => menu[choice % menu.length]!;

/** A stream on the canvas: the operator producing it and what the builder knows of its order. */
interface Stream {
  id: string;
  parallelism: number;
  /** One subtask whose records come in an order fixed by the input (a parallelism-1 pipeline over single edges). */
  sequential: boolean;
  /** The key selector of the keyed running operator that produced it, for per-key order checks. */
  keyedBy?: string;
}

const stageChoice = fc.record({
  kind: fc.nat(9),
  inputs: fc.array(fc.nat(20), { minLength: 1, maxLength: 2 }),
  viaUnion: fc.boolean(),
  partitioner: fc.nat(8),
  key: fc.nat(20),
  fn: fc.nat(20),
  parallelism: fc.integer({ min: 1, max: 4 }),
  maxParallelism: fc.nat(4),
  chaining: fc.nat(3),
  group: fc.nat(5),
});
type StageChoice = typeof stageChoice extends fc.Arbitrary<infer T> ? T : never;

const sourceChoice = fc.record({
  sequence: fc.boolean(),
  parallelism: fc.integer({ min: 1, max: 3 }),
  values: fc.array(fc.record({ k: fc.nat(20), v: fc.integer({ min: -50, max: 50 }) }), { minLength: 1, maxLength: 30 }),
});

const sinkChoice = fc.record({ parallelism: fc.integer({ min: 1, max: 3 }), partitioner: fc.nat(3) });

const configChoice = fc.record({
  maxParallelism: fc.constantFrom(undefined, undefined, 4, 64, 128, 300),
  operatorChaining: fc.constantFrom(undefined, undefined, undefined, false),
  chainOperatorsWithDifferentMaxParallelism: fc.constantFrom(undefined, undefined, false),
});

const PARTITIONERS: (Partitioner | undefined)[] = [
  undefined,
  undefined,
  'forward',
  'rebalance',
  'rescale',
  'shuffle',
  'broadcast',
  'hash',
  'hash',
];
const CHAINING = [undefined, 'ALWAYS', 'HEAD', 'NEVER'] as const;
const GROUPS = [undefined, undefined, undefined, 'default', 'g1', 'g2'];
/** A running aggregate needs a key over `k`; `map` with the routing tag stands for "a map right after keyBy". */
const STAGE_KINDS = ['map', 'map', 'filter', 'flatMap', 'tag', 'reduce', 'sum', 'min', 'max', 'union'] as const;

/** The part of an operator every generated operator may set: parallelism, max parallelism, chaining, group. */
function physical(choice: StageChoice, parallelism: number, config: JobConfig): Partial<OperatorSpec> {
  const extra: Partial<OperatorSpec> = {};
  const bound = config.maxParallelism;
  const maxParallelism = [undefined, parallelism, 7, 128, 200][choice.maxParallelism];
  if (maxParallelism !== undefined && maxParallelism >= parallelism && (bound === undefined || parallelism <= bound))
    extra.maxParallelism = maxParallelism;
  const chaining = pick(CHAINING, choice.chaining);
  if (chaining !== undefined) extra.chaining = chaining;
  const group = pick(GROUPS, choice.group);
  if (group !== undefined) extra.slotSharingGroup = group;
  return extra;
}

/** A job of sources, record-at-a-time stages (some keyed, some reading two inputs, some through a union) and sinks. */
export const dataflowJob: fc.Arbitrary<GeneratedJob> = fc
  .record({
    config: configChoice,
    sources: fc.array(sourceChoice, { minLength: 1, maxLength: 2 }),
    stages: fc.array(stageChoice, { maxLength: 6 }),
    sinks: fc.array(sinkChoice, { minLength: 6, maxLength: 6 }),
  })
  .map(({ config: configChoices, sources, stages, sinks }) => {
    const config = compact(configChoices) as JobConfig;
    const operators: OperatorSpec[] = [];
    const edges: EdgeSpec[] = [];
    const streams: Stream[] = [];
    const consumed = new Set<string>();
    const maxP = (parallelism: number) => Math.min(parallelism, config.maxParallelism ?? parallelism);

    sources.forEach((source, i) => {
      const id = `src${i}`;
      const parallelism = maxP(source.parallelism);
      if (source.sequence) {
        operators.push({ id, kind: 'source.sequence', parallelism, params: { from: 1, to: source.values.length } });
        operators.push({ id: `shape${i}`, kind: 'map', parallelism, params: { fn: SHAPE_SEQUENCE } });
        edges.push({ source: id, target: `shape${i}` });
        streams.push({ id: `shape${i}`, parallelism, sequential: parallelism === 1 });
      } else {
        const elements = source.values.map(({ k, v }) => ({ value: { k: pick(KEY_VALUES, k), v } }));
        operators.push({ id, kind: 'source.collection', parallelism, params: { elements } });
        streams.push({ id, parallelism, sequential: parallelism === 1 });
      }
    });

    stages.forEach((choice, i) => {
      const id = `op${i}`;
      const inputs = [...new Set(choice.inputs.map((n) => pick(streams, n)))];
      let kind = pick(STAGE_KINDS, choice.kind);
      if (kind === 'union' && inputs.length < 2) kind = 'map';
      const sequentialInput = inputs.length === 1 && inputs[0]!.sequential;
      const runningAggregate = kind === 'reduce' || kind === 'sum' || kind === 'min' || kind === 'max';
      // An order-dependent operator on an input of unfixed order would make its output differ from run to run.
      if (runningAggregate && !sequentialInput) kind = 'map';
      const keyed = runningAggregate && kind !== 'map';
      const parallelism = maxP(choice.parallelism);
      const spec: OperatorSpec = { id, kind: kind === 'tag' || kind === 'union' ? 'map' : kind, parallelism };
      Object.assign(spec, physical(choice, parallelism, config));

      const hashed = kind === 'tag' || keyed;
      const key = keyed ? pick(KEYS_OF_K, choice.key) : pick(KEYS, choice.key);
      spec.params = paramsOf(kind, choice.fn);
      operators.push(spec);

      const edgeInto = (from: Stream, to: string, toParallelism: number, via: number): EdgeSpec => {
        const edge: EdgeSpec = { source: from.id, target: to };
        let partitioner = hashed ? 'hash' : pick(PARTITIONERS, choice.partitioner + via);
        if (partitioner === 'forward' && from.parallelism !== toParallelism) partitioner = undefined;
        if (partitioner !== undefined) edge.partitioner = partitioner;
        if (partitioner === 'hash') edge.key = key;
        return edge;
      };
      if (choice.viaUnion && inputs.length === 2) {
        // The union's own parallelism means nothing (Flink's union is virtual): a random one shows it is ignored.
        const union = `union${i}`;
        operators.push({ id: union, kind: 'union', parallelism: choice.parallelism });
        for (const input of inputs) edges.push({ source: input.id, target: union });
        edges.push(edgeInto({ id: union, parallelism: -1, sequential: false }, id, parallelism, 0));
      } else {
        inputs.forEach((input, n) => edges.push(edgeInto(input, id, parallelism, n)));
      }
      for (const input of inputs) consumed.add(input.id);
      streams.push({
        id,
        parallelism,
        sequential: parallelism === 1 && sequentialInput && !choice.viaUnion,
        ...(keyed ? { keyedBy: key } : {}),
      });
    });

    const checks: SinkCheck[] = [];
    streams
      .filter((stream) => !consumed.has(stream.id))
      .forEach((stream, i) => {
        const choice = sinks[i % sinks.length]!;
        const id = `sink${i}`;
        const parallelism = maxP(choice.parallelism);
        operators.push({ id, kind: 'sink.collect', parallelism });
        const edge: EdgeSpec = { source: stream.id, target: id };
        const partitioner = pick([undefined, 'rebalance', 'forward', 'rescale'] as const, choice.partitioner);
        if (partitioner !== undefined && (partitioner !== 'forward' || parallelism === stream.parallelism))
          edge.partitioner = partitioner;
        edges.push(edge);
        // A keyed subtask's records reach a sink subtask over one channel, so their order holds per key, unless a
        // round robin spreads one key over several sink subtasks.
        const forward =
          (edge.partitioner ?? (parallelism === stream.parallelism ? 'forward' : 'rebalance')) === 'forward';
        const check: SinkCheck = { sinkId: id };
        if (stream.keyedBy !== undefined && (parallelism === 1 || forward)) check.perKey = stream.keyedBy;
        checks.push(check);
      });

    const jobGraph: JobGraph = { version: 1, name: 'generated dataflow', operators, edges };
    if (Object.keys(config).length > 0) jobGraph.config = config;
    return { jobGraph, checks };
  });

function paramsOf(kind: (typeof STAGE_KINDS)[number], fn: number): Record<string, unknown> {
  switch (kind) {
    case 'map':
    case 'union':
      return { fn: pick(MAPS, fn) };
    case 'tag':
      return { fn: TAG_SUBTASK };
    case 'filter':
      return { fn: pick(FILTERS, fn) };
    case 'flatMap':
      return { fn: pick(FLAT_MAPS, fn) };
    case 'reduce':
      return { fn: pick(REDUCES, fn) };
    case 'sum':
    case 'min':
    case 'max':
      return { field: 'v' };
  }
}

const compact = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/**
 * An event-time job: a collection of timestamped records, out of order and some late, watermarks per record (on
 * the source or by a watermarks operator), a keyed window or a windowAll with allowed lateness and its late side
 * output (§5 Lateness, §6 Windows).
 */
export const eventTimeJob: fc.Arbitrary<GeneratedJob> = fc
  .record({
    records: fc.array(
      fc.record({ k: fc.nat(2), v: fc.integer({ min: -9, max: 9 }), jitter: fc.integer({ min: -4, max: 4 }) }),
      { minLength: 1, maxLength: 30 },
    ),
    /** A few records far behind: later than any allowed lateness. */
    stragglers: fc.array(fc.nat(29), { maxLength: 3 }),
    step: fc.integer({ min: 1, max: 3 }),
    watermarks: fc.record({
      onSource: fc.boolean(),
      strategy: fc.constantFrom('boundedOutOfOrderness', 'monotonous'),
      maxOutOfOrdernessMs: fc.nat(4),
      chaining: fc.nat(3),
    }),
    preFilter: fc.boolean(),
    assigner: fc.oneof(
      fc.record({ type: fc.constant('tumbling'), sizeMs: fc.integer({ min: 2, max: 10 }), offsetMs: fc.nat(1) }),
      fc
        .record({ sizeMs: fc.integer({ min: 2, max: 10 }), slide: fc.integer({ min: 1, max: 10 }) })
        .map(({ sizeMs, slide }) => ({ type: 'sliding', sizeMs, slideMs: Math.min(slide, sizeMs) })),
      fc.record({ type: fc.constant('session'), gapMs: fc.integer({ min: 1, max: 5 }) }),
    ),
    allowedLatenessMs: fc.constantFrom(undefined, 0, 2, 5),
    aggregate: fc.nat(5),
    keyed: fc.boolean(),
    windowParallelism: fc.integer({ min: 1, max: 3 }),
    windowChaining: fc.nat(3),
    lateSink: fc.boolean(),
    sinkParallelism: fc.integer({ min: 1, max: 2 }),
  })
  .map((c) => {
    const elements = c.records.map((r, i) => ({
      value: { k: pick(['a', 'b', 7], r.k), v: r.v },
      timestamp: (c.stragglers.includes(i) ? -20 : 0) + 10 + i * c.step + r.jitter,
    }));
    const watermarkParams: Record<string, unknown> = { strategy: c.watermarks.strategy, emit: 'perRecord' };
    if (c.watermarks.strategy === 'boundedOutOfOrderness')
      watermarkParams.maxOutOfOrdernessMs = c.watermarks.maxOutOfOrdernessMs;

    const operators: OperatorSpec[] = [
      {
        id: 'src',
        kind: 'source.collection',
        parallelism: 1,
        params: c.watermarks.onSource ? { elements, watermarks: watermarkParams } : { elements },
      },
    ];
    const edges: EdgeSpec[] = [];
    let last = 'src';
    const append = (spec: OperatorSpec): void => {
      operators.push(spec);
      edges.push({ source: last, target: spec.id });
      last = spec.id;
    };
    if (c.preFilter) append({ id: 'pre', kind: 'filter', parallelism: 1, params: { fn: FILTERS[0]! } });
    if (!c.watermarks.onSource) {
      const chaining = pick(CHAINING, c.watermarks.chaining);
      append({ id: 'wm', kind: 'watermarks', parallelism: 1, params: watermarkParams, ...(chaining && { chaining }) });
    }

    const { type, ...sizes } = c.assigner;
    const windowParams: Record<string, unknown> = { assigner: { type, ...sizes, time: 'event' } };
    if (c.allowedLatenessMs !== undefined) windowParams.allowedLatenessMs = c.allowedLatenessMs;
    if (c.aggregate === WINDOW_AGGREGATES.length) windowParams.reduce = WINDOW_REDUCE;
    else windowParams.aggregate = WINDOW_AGGREGATES[c.aggregate];
    const windowParallelism = c.keyed ? c.windowParallelism : 1;
    const chaining = pick(CHAINING, c.windowChaining);
    operators.push({
      id: 'win',
      kind: 'window',
      parallelism: windowParallelism,
      params: windowParams,
      ...(chaining && { chaining }),
    });
    edges.push(
      c.keyed
        ? { source: last, target: 'win', partitioner: 'hash', key: '(r) => r.k' }
        : { source: last, target: 'win' },
    );

    const sinkParallelism = Math.min(c.sinkParallelism, windowParallelism);
    operators.push({ id: 'results', kind: 'sink.collect', parallelism: sinkParallelism });
    edges.push({ source: 'win', target: 'results' });
    // Window results of one key fire in the order of their timers (§6 EventTimeTrigger), so they arrive in order.
    const checks: SinkCheck[] = [
      sinkParallelism === windowParallelism || sinkParallelism === 1
        ? { sinkId: 'results', perKey: '(r) => r.key' }
        : { sinkId: 'results' },
    ];
    if (c.lateSink) {
      operators.push({ id: 'late', kind: 'sink.collect', parallelism: 1 });
      edges.push({ source: 'win', target: 'late', sideOutput: 'late' });
      checks.push({ sinkId: 'late', perKey: '(r) => r.k' });
    }
    return { jobGraph: { version: 1, name: 'generated event time', operators, edges }, checks };
  });

/** The corpus: dataflow and event-time jobs, about half each. */
export const generatedJob: fc.Arbitrary<GeneratedJob> = fc.oneof(dataflowJob, eventTimeJob);
