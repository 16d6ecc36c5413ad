/**
 * The operator catalogue: for every kind, its role in the graph and the schema of its params.
 * Validation, the editor's palette and inspector, and the engine's operator factory all read it,
 * so a kind is described once.
 */
import { z } from 'zod';
import { MAX_FUNCTION_SOURCE_LENGTH, type OperatorKind } from './jobgraph.js';

/** JavaScript function source, e.g. "(value, ctx) => value * 2". Compiled only inside TaskManager workers. */
const fnSource = z.string().min(1, 'a function is required').max(MAX_FUNCTION_SOURCE_LENGTH);
/** Records a second a rate-limited source emits: slow enough to follow one by one, never so slow that its wait overflows a timer. */
const ratePerSecond = z.number().min(0.001).max(1e9);
const field = z.string().min(1);

/**
 * Per-instance set-up of a function-bearing operator (design.md, precise points): "(ctx) => void" before its first
 * record and after its last, as Flink's RichFunction#open and #close; `ctx.local` is the instance's own object.
 */
const lifecycle = { open: fnSource.optional(), close: fnSource.optional() };
const LIFECYCLE_PARAMS = ['open', 'close'];

const watermarkParams = {
  strategy: z.enum(['monotonous', 'boundedOutOfOrderness', 'punctuated']),
  maxOutOfOrdernessMs: z.number().int().nonnegative().optional(),
  idlenessMs: z.number().int().positive().optional(),
  /** Timestamp extractor "(value, previousTimestamp) => number"; default: the record's own timestamp. */
  timestamp: fnSource.optional(),
  /** periodic: every autoWatermarkIntervalMs; perRecord: after every record (deterministic, for teaching). */
  emit: z.enum(['periodic', 'perRecord']).optional(),
  /** punctuated only: "(value, timestamp) => watermark or null", the watermark to emit after this record. */
  fn: fnSource.optional(),
};

/** A punctuated generator is its function; the other strategies have none. */
const punctuatedNeedsFn = {
  message: 'the punctuated strategy needs "fn" ("(value, timestamp) => watermark or null"); the others take none',
  path: ['fn'],
};
const hasFnIfPunctuated = (p: { strategy: string; fn?: string }) =>
  (p.strategy === 'punctuated') === (p.fn !== undefined);
const watermarkStrategy = z.object(watermarkParams).refine(hasFnIfPunctuated, punctuatedNeedsFn);

/** A source's own watermark strategy (Flink's fromSource(source, WatermarkStrategy)): a `watermarks` operator's params. */
const sourceWatermarks = watermarkStrategy.optional();

const windowAssigner = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('tumbling'),
    sizeMs: z.number().int().positive(),
    offsetMs: z.number().int().optional(),
    time: z.enum(['event', 'processing']),
  }),
  z.object({
    type: z.literal('sliding'),
    sizeMs: z.number().int().positive(),
    slideMs: z.number().int().positive(),
    offsetMs: z.number().int().optional(),
    time: z.enum(['event', 'processing']),
  }),
  z.object({ type: z.literal('session'), gapMs: z.number().int().positive(), time: z.enum(['event', 'processing']) }),
  /** Flink's countWindow(size) and countWindow(size, slide): fire every `slide` (default `size`) records of a key. */
  z.object({
    type: z.literal('count'),
    size: z.number().int().positive(),
    slide: z.number().int().positive().optional(),
  }),
  /** Flink's GlobalWindows: one window per key for all time, which fires only through its trigger. */
  z.object({ type: z.literal('global') }),
]);

/** Flink's built-in triggers, set on a window in place of its assigner's default one; `purging` is PurgingTrigger. */
const windowTrigger = z
  .object({
    type: z.enum(['eventTime', 'processingTime', 'count', 'continuousEventTime']),
    count: z.number().int().positive().optional(),
    intervalMs: z.number().int().positive().optional(),
    purging: z.boolean().optional(),
  })
  .refine((t) => (t.type === 'count') === (t.count !== undefined), {
    message: 'a count trigger needs "count", and only it takes one',
    path: ['count'],
  })
  .refine((t) => (t.type === 'continuousEventTime') === (t.intervalMs !== undefined), {
    message: 'a continuousEventTime trigger needs "intervalMs", and only it takes one',
    path: ['intervalMs'],
  });

/** Exactly one aggregate; the string names the record field ("" or absent field = the record itself). */
const windowAggregate = z.union(
  [
    z.object({ sum: z.string() }).strict(),
    z.object({ min: z.string() }).strict(),
    z.object({ max: z.string() }).strict(),
    z.object({ avg: z.string() }).strict(),
    z.object({ count: z.union([z.literal(true), z.string()]) }).strict(),
  ],
  {
    error:
      'must be exactly one of {"sum": field}, {"min": field}, {"max": field}, {"avg": field}, {"count": true or field}',
  },
);

export const paramsSchemas = {
  'source.sequence': z.object({
    from: z.number().int(),
    /** Inclusive; absent = unbounded. */
    to: z.number().int().optional(),
    ratePerSecond: ratePerSecond.optional(),
    watermarks: sourceWatermarks,
  }),
  'source.collection': z.object({
    elements: z.array(z.object({ value: z.unknown(), timestamp: z.number().int().optional() })),
    watermarks: sourceWatermarks,
  }),
  'source.datagen': z.object({
    count: z.number().int().nonnegative().optional(),
    ratePerSecond: ratePerSecond.optional(),
    keys: z.number().int().positive(),
    maxOutOfOrdernessMs: z.number().int().nonnegative(),
    seed: z.number().int(),
    /** Hot-key share: this fraction of the records goes to key 0, the rest spreads uniformly over all keys (0 = uniform). */
    keySkew: z.number().min(0).max(1).optional(),
    watermarks: sourceWatermarks,
  }),
  'source.file': z.object({ path: z.string().min(1), format: z.enum(['ndjson', 'text']) }),
  map: z.object({ fn: fnSource, ...lifecycle }),
  filter: z.object({ fn: fnSource, ...lifecycle }),
  flatMap: z.object({ fn: fnSource, ...lifecycle }),
  process: z.object({
    /** processElement "(value, ctx, out) => void". */
    fn: fnSource,
    /** "(timestamp, ctx, out) => void", called for every timer the function registered. */
    onTimer: fnSource.optional(),
    ...lifecycle,
  }),
  coMap: z.object({ fn1: fnSource, fn2: fnSource, ...lifecycle }),
  coFlatMap: z.object({ fn1: fnSource, fn2: fnSource, ...lifecycle }),
  coProcess: z.object({
    /** processElement1 and processElement2, "(value, ctx, out) => void". */
    fn1: fnSource,
    fn2: fnSource,
    onTimer: fnSource.optional(),
    ...lifecycle,
  }),
  reduce: z.object({ fn: fnSource, ...lifecycle }),
  sum: z.object({ field: field.optional() }),
  min: z.object({ field: field.optional() }),
  max: z.object({ field: field.optional() }),
  window: z
    .object({
      assigner: windowAssigner,
      trigger: windowTrigger.optional(),
      allowedLatenessMs: z.number().int().nonnegative().optional(),
      /** Default true: records later than the allowed lateness leave through the "late" side output; false drops them. */
      lateOutput: z.boolean().optional(),
      aggregate: windowAggregate.optional(),
      reduce: fnSource.optional(),
      ...lifecycle,
    })
    .refine((p) => (p.aggregate === undefined) !== (p.reduce === undefined), {
      message: 'a window needs exactly one of "aggregate" or "reduce"',
      path: ['aggregate'],
    }),
  // The operator has open and close; a source's own strategy (sourceWatermarks) runs inside the source, which has not.
  watermarks: z.object({ ...watermarkParams, ...lifecycle }).refine(hasFnIfPunctuated, punctuatedNeedsFn),
  union: z.object({}),
  'sink.collect': z.object({}),
  'sink.print': z.object({}),
  'sink.file': z.object({ path: z.string().min(1), format: z.literal('ndjson'), exactlyOnce: z.boolean().optional() }),
  'sink.discard': z.object({}),
  'flink.unsupported': z.object({ flinkName: z.string().min(1) }),
} as const satisfies Record<OperatorKind, z.ZodType>;

export type ParamsOf<K extends OperatorKind> = z.infer<(typeof paramsSchemas)[K]>;

/** `unsupported`: a Flink operator Sluice cannot run; its role in Flink's plan does not matter, as it never runs. */
export type OperatorRole = 'source' | 'transform' | 'sink' | 'unsupported';

export interface OperatorKindInfo {
  role: OperatorRole;
  /** Needs a keyed input (a hash edge into it), as Flink's KeyedStream operations. */
  keyed: boolean;
  /**
   * Planned away, as Flink's union: no JobVertex of its own, its consumers read its inputs directly
   * (virtual-union.ts). Any other operator that takes input may read several edges through a union input gate.
   */
  virtual: boolean;
  /** Params a freshly dropped operator starts with: valid, so a new node runs at once. */
  defaultParams: Record<string, unknown>;
  /** Params holding JavaScript function source (checked for syntax on validation, edited as code). */
  functionParams: string[];
  /** Flink's TwoInputStreamOperator: every edge into it names its `input`, 1 or 2, and each input has one at least. */
  twoInput: boolean;
}

const info = (
  role: OperatorRole,
  defaultParams: Record<string, unknown>,
  extra: Partial<Pick<OperatorKindInfo, 'keyed' | 'virtual' | 'functionParams' | 'twoInput'>> = {},
): OperatorKindInfo => ({
  role,
  defaultParams,
  keyed: extra.keyed ?? false,
  virtual: extra.virtual ?? false,
  functionParams: extra.functionParams ?? [],
  twoInput: extra.twoInput ?? false,
});

export const CATALOGUE: Record<OperatorKind, OperatorKindInfo> = {
  'source.sequence': info('source', { from: 1, to: 10 }),
  'source.collection': info('source', { elements: [{ value: 'hello' }, { value: 'world' }] }),
  'source.datagen': info('source', { count: 1000, keys: 10, maxOutOfOrdernessMs: 0, seed: 1 }),
  'source.file': info('source', { path: 'input.ndjson', format: 'ndjson' }),
  map: info('transform', { fn: '(value, ctx) => value' }, { functionParams: ['fn', ...LIFECYCLE_PARAMS] }),
  filter: info('transform', { fn: '(value, ctx) => true' }, { functionParams: ['fn', ...LIFECYCLE_PARAMS] }),
  flatMap: info('transform', { fn: '(value, ctx) => [value]' }, { functionParams: ['fn', ...LIFECYCLE_PARAMS] }),
  process: info(
    'transform',
    { fn: '(value, ctx, out) => {\n  out.collect(value);\n}' },
    { functionParams: ['fn', 'onTimer', ...LIFECYCLE_PARAMS] },
  ),
  coMap: info(
    'transform',
    { fn1: '(value, ctx) => value', fn2: '(value, ctx) => value' },
    { twoInput: true, functionParams: ['fn1', 'fn2', ...LIFECYCLE_PARAMS] },
  ),
  coFlatMap: info(
    'transform',
    { fn1: '(value, ctx) => [value]', fn2: '(value, ctx) => [value]' },
    { twoInput: true, functionParams: ['fn1', 'fn2', ...LIFECYCLE_PARAMS] },
  ),
  coProcess: info(
    'transform',
    {
      fn1: '(value, ctx, out) => {\n  out.collect(value);\n}',
      fn2: '(value, ctx, out) => {\n  out.collect(value);\n}',
    },
    { twoInput: true, functionParams: ['fn1', 'fn2', 'onTimer', ...LIFECYCLE_PARAMS] },
  ),
  reduce: info(
    'transform',
    { fn: '(acc, value, ctx) => acc + value' },
    { keyed: true, functionParams: ['fn', ...LIFECYCLE_PARAMS] },
  ),
  sum: info('transform', {}, { keyed: true }),
  min: info('transform', {}, { keyed: true }),
  max: info('transform', {}, { keyed: true }),
  window: info(
    'transform',
    { assigner: { type: 'tumbling', sizeMs: 1000, time: 'event' }, aggregate: { count: true } },
    { functionParams: ['reduce', ...LIFECYCLE_PARAMS] },
  ),
  watermarks: info(
    'transform',
    { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 0, emit: 'periodic' },
    { functionParams: ['timestamp', 'fn', ...LIFECYCLE_PARAMS] },
  ),
  union: info('transform', {}, { virtual: true }),
  'sink.collect': info('sink', {}),
  'sink.print': info('sink', {}),
  'sink.file': info('sink', { path: 'out', format: 'ndjson', exactlyOnce: true }),
  'sink.discard': info('sink', {}),
  'flink.unsupported': info('unsupported', { flinkName: 'Unnamed' }),
};
