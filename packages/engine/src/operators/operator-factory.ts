/**
 * Builds the operator for one OperatorSpec of a chain (Flink's StreamOperatorFactory): checks its params against
 * the catalogue's schema, compiles its user functions, and hands it the Output the chain built for it.
 */
import { CATALOGUE, DEFAULTS, paramsSchemas, type OperatorKind, type OperatorSpec, type ParamsOf } from '@sluice/model';
import {
  compileUserFunction,
  UserFunctionError,
  type RuntimeContext,
  type UserFunction,
} from '../functions/user-function.js';
import type { ProcessingTimeService, TaskHost } from '../task/host.js';
import type { TaskDeploymentDescriptor } from '../task/deployment.js';
import { TimestampsAndWatermarksOperator, type TimestampAssigner } from '../time/timestamps-and-watermarks-operator.js';
import type { PunctuatedWatermarkFunction } from '../time/watermark-generators.js';
import { createWindowAggregate, reduceAggregate } from '../windowing/window-aggregates.js';
import { countEvictor, createWindowAssigner } from '../windowing/window-assigners.js';
import { createTrigger } from '../windowing/triggers.js';
import { WindowOperator } from '../windowing/window-operator.js';
import { fieldAggregation } from './keyed/field-aggregation.js';
import { KeyedStateBackend } from './keyed/keyed-state-backend.js';
import {
  StreamGroupedReduceOperator,
  type KeySelector,
  type ReduceFunction,
} from './keyed/stream-grouped-reduce-operator.js';
import { CollectSink } from './sinks/collect-sink.js';
import { DiscardSink } from './sinks/discard-sink.js';
import { FileSink } from './sinks/file-sink.js';
import { CoMapOperator } from './co/co-map-operator.js';
import { CoProcessOperator } from './co/co-process-operator.js';
import type { InputIndex } from './co/two-input-watermarks.js';
import { ProcessOperator } from './process/process-operator.js';
import { functionContext, withUserLifecycle } from './user-lifecycle.js';
import { PrintSink } from './sinks/print-sink.js';
import { CollectionSource } from './sources/collection-source.js';
import { DatagenSource } from './sources/datagen-source.js';
import { readFileSourceElements } from './sources/file-source.js';
import { RateLimiter } from './sources/rate-limiter.js';
import { SequenceSource } from './sources/sequence-source.js';
import { SourceWithWatermarks, watermarksInput } from './sources/source-with-watermarks.js';
import type {
  CheckpointedOperator,
  OneInputStreamOperator,
  Output,
  SourceOperator,
  TwoInputStreamOperator,
} from './stream-operator.js';
import { FilterOperator } from './transformations/filter-operator.js';
import { FlatMapOperator } from './transformations/flat-map-operator.js';
import { MapOperator } from './transformations/map-operator.js';

export interface OperatorFactoryContext {
  tdd: TaskDeploymentDescriptor;
  host: TaskHost;
  runtimeContext: RuntimeContext;
}

/** An operator as the chain runs it (`operator` may be wrapped, e.g. slowed) and, if it has state, the state's owner. */
export type ChainedOperator = (
  | { role: 'source'; operator: SourceOperator }
  | { role: 'transform' | 'sink'; operator: OneInputStreamOperator }
  | { role: 'twoInput'; operator: TwoInputStreamOperator }
) & {
  checkpointed?: CheckpointedOperator;
};

export function createStreamOperator(
  spec: OperatorSpec,
  output: Output,
  factoryContext: OperatorFactoryContext,
): ChainedOperator {
  // A function-bearing operator's functions share one ctx per instance, with its `local` (a process function keeps
  // its own, richer one).
  const functionBearing =
    CATALOGUE[spec.kind].functionParams.length > 0 && spec.kind !== 'process' && spec.kind !== 'coProcess';
  if (!functionBearing) return createWithSourceWatermarks(spec, output, factoryContext);
  const ctx = functionContext(factoryContext.runtimeContext);
  const chained = createWithSourceWatermarks(spec, output, { ...factoryContext, runtimeContext: ctx });
  const { open, close } = paramsOf(spec, spec.kind) as { open?: string; close?: string };
  const compiled = (source: string | undefined, param: string) =>
    source === undefined ? undefined : compileUserFunction(source, spec.id, `operator "${spec.id}" params.${param}`);
  return withUserLifecycle(chained, { open: compiled(open, 'open'), close: compiled(close, 'close') }, ctx);
}

function createWithSourceWatermarks(
  spec: OperatorSpec,
  output: Output,
  context: OperatorFactoryContext,
): ChainedOperator {
  const sourceWatermarks =
    CATALOGUE[spec.kind].role === 'source'
      ? (paramsOf(spec, spec.kind) as { watermarks?: ParamsOf<'watermarks'> }).watermarks
      : undefined;
  if (sourceWatermarks === undefined) return createOperator(spec, output, context);
  const watermarks = timestampsAndWatermarks(spec, sourceWatermarks, 'params.watermarks', output, context);
  const source = createOperator(spec, watermarksInput(watermarks, spec.id), context);
  return {
    ...source,
    role: 'source',
    operator: new SourceWithWatermarks(source.operator as SourceOperator, watermarks),
  };
}

function createOperator(spec: OperatorSpec, output: Output, context: OperatorFactoryContext): ChainedOperator {
  const { host, runtimeContext: ctx } = context;
  const fn = (source: string, param: string) =>
    compileUserFunction(source, spec.id, `operator "${spec.id}" params.${param}`);
  switch (spec.kind) {
    case 'source.sequence': {
      const params = paramsOf(spec, 'source.sequence');
      const limiter =
        params.ratePerSecond === undefined
          ? undefined
          : new RateLimiter(params.ratePerSecond, ctx.parallelism, host.time);
      return stateful('source', new SequenceSource(spec.id, params, ctx, output, limiter));
    }
    case 'source.datagen': {
      const params = paramsOf(spec, 'source.datagen');
      const limiter =
        params.ratePerSecond === undefined
          ? undefined
          : new RateLimiter(params.ratePerSecond, ctx.parallelism, host.time);
      return stateful('source', new DatagenSource(spec.id, params, ctx, output, limiter));
    }
    case 'source.collection':
      return stateful(
        'source',
        new CollectionSource(spec.id, paramsOf(spec, 'source.collection').elements, ctx, output),
      );
    case 'map':
      return { role: 'transform', operator: new MapOperator(fn(paramsOf(spec, 'map').fn, 'fn'), ctx, output) };
    case 'filter':
      return { role: 'transform', operator: new FilterOperator(fn(paramsOf(spec, 'filter').fn, 'fn'), ctx, output) };
    case 'flatMap':
      return {
        role: 'transform',
        operator: new FlatMapOperator(spec.id, fn(paramsOf(spec, 'flatMap').fn, 'fn'), ctx, output),
      };
    case 'process':
      return processOperator(spec, output, context);
    case 'coMap': {
      const params = paramsOf(spec, 'coMap');
      const map = (param: 'fn1' | 'fn2') => new MapOperator(fn(params[param], param), ctx, output);
      return { role: 'twoInput', operator: new CoMapOperator(map('fn1'), map('fn2'), output) };
    }
    case 'coFlatMap': {
      const params = paramsOf(spec, 'coFlatMap');
      const flatMap = (param: 'fn1' | 'fn2') => new FlatMapOperator(spec.id, fn(params[param], param), ctx, output);
      return { role: 'twoInput', operator: new CoMapOperator(flatMap('fn1'), flatMap('fn2'), output) };
    }
    case 'coProcess':
      return coProcessOperator(spec, output, context);
    case 'reduce': {
      const reduce = fn(paramsOf(spec, 'reduce').fn, 'fn');
      return keyedReduce(spec, (accumulator, value) => reduce(accumulator, value, ctx), output, context);
    }
    case 'sum':
    case 'min':
    case 'max':
      return keyedReduce(spec, fieldAggregation(spec.kind, paramsOf(spec, spec.kind).field, spec.id), output, context);
    case 'watermarks':
      return {
        role: 'transform',
        operator: timestampsAndWatermarks(spec, paramsOf(spec, 'watermarks'), 'params', output, context),
      };
    case 'union':
      // Flink's union is virtual: the planner resolves it into its consumer's input gates (model virtual-union.ts).
      throw new Error(`operator "${spec.id}": a union is virtual and never runs; plan the JobGraph first`);
    case 'sink.collect':
      return stateful('sink', new CollectSink(spec.id, host));
    case 'sink.print':
      return { role: 'sink', operator: new PrintSink(ctx, host) };
    case 'sink.discard':
      return { role: 'sink', operator: new DiscardSink() };
    case 'window':
      return stateful('transform', windowOperator(spec, output, context));
    case 'sink.file': {
      const params = paramsOf(spec, 'sink.file');
      if (!host.fileSystem)
        throw new Error(
          `operator "${spec.id}": sink.file writes files, which only a TaskManager can; this host has no file system`,
        );
      const config = {
        operatorId: spec.id,
        path: params.path,
        exactlyOnce: params.exactlyOnce ?? false,
        checkpointing: context.tdd.jobConfig.checkpointing !== undefined,
        restoredCheckpointId: context.tdd.restoredCheckpointId ?? 0,
      };
      return stateful('sink', new FileSink(config, ctx, host.fileSystem));
    }
    case 'source.file': {
      if (!host.fileSystem)
        throw new Error(
          `operator "${spec.id}": source.file reads files, which only a TaskManager can; this host has no file system`,
        );
      const elements = readFileSourceElements(spec.id, paramsOf(spec, 'source.file'), host.fileSystem);
      return stateful('source', new CollectionSource(spec.id, elements, ctx, output));
    }
    case 'flink.unsupported':
      // Validation refuses such a job first; this guards a JobGraph submitted around it.
      throw new Error(
        `operator "${spec.id}": the Flink operator "${paramsOf(spec, 'flink.unsupported').flinkName}" has no Sluice equivalent`,
      );
  }
}

function stateful(role: 'source', operator: SourceOperator & CheckpointedOperator): ChainedOperator;
function stateful(role: 'transform' | 'sink', operator: OneInputStreamOperator & CheckpointedOperator): ChainedOperator;
function stateful(role: 'twoInput', operator: TwoInputStreamOperator & CheckpointedOperator): ChainedOperator;
function stateful(
  role: ChainedOperator['role'],
  operator: (SourceOperator | OneInputStreamOperator | TwoInputStreamOperator) & CheckpointedOperator,
): ChainedOperator {
  return { role, operator, checkpointed: operator } as ChainedOperator;
}

/** The `watermarks` operator, or a source's `watermarks` param (`where` names it in errors). */
function timestampsAndWatermarks(
  spec: OperatorSpec,
  params: ParamsOf<'watermarks'>,
  where: string,
  output: Output,
  context: OperatorFactoryContext,
): TimestampsAndWatermarksOperator {
  const timestamp =
    params.timestamp === undefined
      ? undefined
      : compileUserFunction(params.timestamp, spec.id, `operator "${spec.id}" ${where}.timestamp`);
  const punctuated =
    params.fn === undefined ? undefined : compileUserFunction(params.fn, spec.id, `operator "${spec.id}" ${where}.fn`);
  const strategy = {
    strategy: params.strategy,
    maxOutOfOrdernessMs: params.maxOutOfOrdernessMs,
    idlenessMs: params.idlenessMs,
    emit: params.emit,
    timestamp: timestamp === undefined ? undefined : timestampAssigner(spec.id, timestamp, context.runtimeContext),
    punctuated:
      punctuated === undefined ? undefined : punctuatedWatermarks(spec.id, punctuated, context.runtimeContext),
  };
  const interval = context.tdd.jobConfig.autoWatermarkIntervalMs ?? DEFAULTS.autoWatermarkIntervalMs;
  return new TimestampsAndWatermarksOperator(strategy, interval, output, context.host.time);
}

/** Event time is integer milliseconds; anything else from the user's function fails it, not the watermarks. */
function timestampAssigner(operatorId: string, assign: UserFunction, ctx: RuntimeContext): TimestampAssigner {
  return (value, previous) => eventTime(operatorId, 'timestamp', assign(value, previous, ctx));
}

/** A punctuated function returns a watermark (integer ms) or null (or nothing) for none. */
function punctuatedWatermarks(
  operatorId: string,
  watermarkAfter: UserFunction,
  ctx: RuntimeContext,
): PunctuatedWatermarkFunction<unknown> {
  return (value, timestamp) => {
    const watermark = watermarkAfter(value, timestamp, ctx);
    return watermark === null || watermark === undefined ? null : eventTime(operatorId, 'watermark', watermark);
  };
}

function eventTime(operatorId: string, what: string, time: unknown): number {
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) {
    throw new UserFunctionError(
      operatorId,
      new TypeError(`${what} must be an integer number of milliseconds, got ${JSON.stringify(time) ?? String(time)}`),
    );
  }
  return time;
}

/**
 * A window behind a hash edge is keyed by that edge's key selector (Flink's KeyedStream#window); any other input
 * makes it a windowAll, which sees every record under the key null and so runs with parallelism 1, as in Flink.
 */
function windowOperator(spec: OperatorSpec, output: Output, context: OperatorFactoryContext): WindowOperator {
  const params = paramsOf(spec, 'window');
  const keyed = hasKeyedInput(spec, context);
  if (!keyed && context.tdd.parallelism !== 1) {
    throw new Error(
      `operator "${spec.id}": a window without a keyed input (a hash edge with a key into it) is a windowAll and needs parallelism 1, not ${context.tdd.parallelism}`,
    );
  }
  const reduce =
    params.reduce === undefined
      ? undefined
      : compileUserFunction(params.reduce, spec.id, `operator "${spec.id}" params.reduce`);
  const aggregate = reduce
    ? reduceAggregate((accumulator, value) => reduce(accumulator, value, context.runtimeContext))
    : createWindowAggregate(params.aggregate!, spec.id);
  const { assigner } = params;
  const config = {
    operatorId: spec.id,
    assigner: createWindowAssigner(assigner, `operator "${spec.id}" params.assigner`),
    trigger: createTrigger(params),
    evictor: countEvictor(assigner),
    aggregate,
    allowedLatenessMs: params.allowedLatenessMs ?? 0,
    keySelector: keyed ? keySelectorOf(spec, context) : undefined,
    lateOutput: params.lateOutput ?? true,
  };
  return new WindowOperator(config, new KeyedStateBackend(context.tdd.maxParallelism), output, operatorTime(context));
}

/** A process function behind a hash edge is Flink's KeyedProcessFunction, with keyed state and timers. */
function processOperator(spec: OperatorSpec, output: Output, context: OperatorFactoryContext): ChainedOperator {
  const params = paramsOf(spec, 'process');
  const functions = { ...processLifecycle(spec, params), processElement: userFunction(spec, params.fn, 'fn') };
  const config = { operatorId: spec.id, functions, runtimeContext: context.runtimeContext };
  if (!hasKeyedInput(spec, context))
    return { role: 'transform', operator: new ProcessOperator(config, output, operatorTime(context)) };
  const keyed = { keySelector: keySelectorOf(spec, context), state: new KeyedStateBackend(context.tdd.maxParallelism) };
  return stateful('transform', new ProcessOperator({ ...config, keyed }, output, operatorTime(context)));
}

/**
 * A coProcess is Flink's KeyedCoProcessFunction behind two hash edges (validation refuses one keyed input and one
 * not): each input reads its key with its own edge's selector, as `connect(a.keyBy(ka), b.keyBy(kb))`.
 */
function coProcessOperator(spec: OperatorSpec, output: Output, context: OperatorFactoryContext): ChainedOperator {
  const params = paramsOf(spec, 'coProcess');
  const functions = { ...processLifecycle(spec, params), processElement: userFunction(spec, params.fn1, 'fn1') };
  const config = { operatorId: spec.id, functions, runtimeContext: context.runtimeContext };
  const processElement2 = userFunction(spec, params.fn2, 'fn2');
  if (!hasKeyedInput(spec, context)) {
    const process = new ProcessOperator(config, output, operatorTime(context));
    return {
      role: 'twoInput',
      operator: new CoProcessOperator(process, { processElement: processElement2, keySelector: undefined }),
    };
  }
  const keyed = {
    keySelector: keySelectorOf(spec, context, 1),
    state: new KeyedStateBackend(context.tdd.maxParallelism),
  };
  const process = new ProcessOperator({ ...config, keyed }, output, operatorTime(context));
  const second = { processElement: processElement2, keySelector: keySelectorOf(spec, context, 2) };
  return stateful('twoInput', new CoProcessOperator(process, second));
}

function processLifecycle(spec: OperatorSpec, params: { onTimer?: string; open?: string; close?: string }) {
  const optional = (param: 'onTimer' | 'open' | 'close') => {
    const source = params[param];
    return source === undefined ? undefined : userFunction(spec, source, param);
  };
  return { onTimer: optional('onTimer'), open: optional('open'), close: optional('close') };
}

const userFunction = (spec: OperatorSpec, source: string, param: string): UserFunction =>
  compileUserFunction(source, spec.id, `operator "${spec.id}" params.${param}`);

/** The clock of processing-time timers and windows (TaskHost.operatorTime). */
function operatorTime({ host }: OperatorFactoryContext): ProcessingTimeService {
  return host.operatorTime ?? host.time;
}

function keyedReduce(
  spec: OperatorSpec,
  reduce: ReduceFunction,
  output: Output,
  context: OperatorFactoryContext,
): ChainedOperator {
  return stateful(
    'transform',
    new StreamGroupedReduceOperator(
      keySelectorOf(spec, context),
      reduce,
      new KeyedStateBackend(context.tdd.maxParallelism),
      output,
    ),
  );
}

/**
 * The operator heads its chain behind a hash edge with a key selector (Flink's KeyedStream): chained operators read
 * a forward input, and a windowAll's input is a hash edge without one (the planner's window-all-inputs.ts).
 */
function hasKeyedInput(spec: OperatorSpec, { tdd }: OperatorFactoryContext): boolean {
  return (
    tdd.operators[0]?.id === spec.id &&
    tdd.inputGates.some((gate) => gate.partitioner === 'hash' && gate.key !== undefined)
  );
}

/**
 * A keyed operator reads its key with the selector of the hash edge into its chain (Flink's KeyedStream); a
 * two-input operator with the selector of the edge into the given input.
 */
function keySelectorOf(
  spec: OperatorSpec,
  { tdd, runtimeContext }: OperatorFactoryContext,
  input?: InputIndex,
): KeySelector {
  const keyed = tdd.inputGates.find(
    (gate) => gate.partitioner === 'hash' && gate.key !== undefined && gate.input === input,
  );
  if (tdd.operators[0]?.id !== spec.id || keyed?.key === undefined) {
    const which = input === undefined ? 'a keyed input' : `a keyed input ${input}`;
    throw new Error(`operator "${spec.id}": ${spec.kind} needs ${which}, a hash edge with a key selector into it`);
  }
  const selector = compileUserFunction(keyed.key, spec.id, `key selector of the edge from "${keyed.sourceVertexId}"`);
  return (value) => selector(value, runtimeContext);
}

function paramsOf<K extends OperatorKind>(spec: OperatorSpec, kind: K): ParamsOf<K> {
  const parsed = paramsSchemas[kind].safeParse(spec.params ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `params${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`,
    );
    throw new Error(`operator "${spec.id}" (${kind}): ${problems.join('; ')}`);
  }
  return parsed.data as ParamsOf<K>;
}
