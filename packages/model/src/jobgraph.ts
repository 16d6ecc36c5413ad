/**
 * JobGraph JSON, version 1: the public contract of design.md ("Contract 1").
 * The zod schemas are the single source of truth: the TypeScript types are inferred from them
 * and the published JSON schema is generated from them (see json-schema.ts).
 */
import { z } from 'zod';
import { UPPER_BOUND_MAX_PARALLELISM } from './max-parallelism.js';

/** Characters of one user function's source: generous for hand-written code, bounded for the parser. */
export const MAX_FUNCTION_SOURCE_LENGTH = 65_536;

export const PARTITIONERS = ['forward', 'rebalance', 'rescale', 'shuffle', 'broadcast', 'hash'] as const;
export const partitionerSchema = z.enum(PARTITIONERS);
export type Partitioner = z.infer<typeof partitionerSchema>;

/** Flink's ChainingStrategy: HEAD = startNewChain(), NEVER = disableChaining(). */
export const CHAINING_STRATEGIES = ['ALWAYS', 'HEAD', 'NEVER'] as const;
export const chainingStrategySchema = z.enum(CHAINING_STRATEGIES);
export type ChainingStrategy = z.infer<typeof chainingStrategySchema>;

export const checkpointingSchema = z.object({
  intervalMs: z.number().int().positive(),
  mode: z.enum(['EXACTLY_ONCE', 'AT_LEAST_ONCE']).default('EXACTLY_ONCE'),
  timeoutMs: z.number().int().positive().optional(),
  minPauseMs: z.number().int().nonnegative().optional(),
  unaligned: z.boolean().optional(),
  /** state.checkpoints.dir: where completed checkpoints are stored, one chk-<n> folder each; default under the system temp dir. */
  storageDir: z.string().min(1).optional(),
  /**
   * state.checkpoints.num-retained. Flink keeps 1; Sluice's default is 3 so that a checkpoint whose files are
   * lost or corrupt leaves a previous one to fall back to.
   */
  retainedCheckpoints: z.number().int().min(1).max(100).optional(),
});

const delayMsSchema = z.number().int().nonnegative();

/**
 * restart-strategy.* (§7 Restart strategies), Flink's options with Flink's defaults. Omitted: `none` without
 * checkpointing, `exponential-delay` with it (Flink 1.19+).
 */
export const restartStrategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('fixed-delay'),
    /** restart-strategy.fixed-delay.attempts; default 1. */
    attempts: z.number().int().nonnegative().optional(),
    /** restart-strategy.fixed-delay.delay; default 1 s. */
    delayMs: delayMsSchema.optional(),
  }),
  z.object({
    type: z.literal('failure-rate'),
    /** restart-strategy.failure-rate.max-failures-per-interval; default 1. */
    maxFailuresPerInterval: z.number().int().positive().optional(),
    /** restart-strategy.failure-rate.failure-rate-interval; default 1 min. */
    failureRateIntervalMs: z.number().int().positive().optional(),
    /** restart-strategy.failure-rate.delay; default 1 s. */
    delayMs: delayMsSchema.optional(),
  }),
  z.object({
    type: z.literal('exponential-delay'),
    /** restart-strategy.exponential-delay.initial-backoff; default 1 s. */
    initialBackoffMs: delayMsSchema.optional(),
    /** restart-strategy.exponential-delay.max-backoff; default 1 min. */
    maxBackoffMs: delayMsSchema.optional(),
    /** restart-strategy.exponential-delay.backoff-multiplier; default 1.5. */
    backoffMultiplier: z.number().min(1).optional(),
    /** restart-strategy.exponential-delay.reset-backoff-threshold; default 1 h. */
    resetBackoffThresholdMs: z.number().int().positive().optional(),
    /** restart-strategy.exponential-delay.jitter-factor; default 0.1 (±10 %). */
    jitterFactor: z.number().min(0).max(1).optional(),
    /** restart-strategy.exponential-delay.attempts-before-reset-backoff; default unlimited. */
    attemptsBeforeResetBackoff: z.number().int().positive().optional(),
  }),
]);
export type RestartStrategyConfig = z.infer<typeof restartStrategySchema>;

/**
 * The heap of one task's worker thread, in MB (Flink's taskmanager.memory.task.heap.size, here per task): a task
 * that outgrows it fails with this limit named, and its TaskManager runs on. A job may ask for more than the default,
 * up to the maximum the cluster allows one task.
 */
export const DEFAULT_TASK_HEAP_SIZE_MB = 256;
export const MAX_TASK_HEAP_SIZE_MB = 2048;
/** How long one call of a user function may run before its task fails (a loop that never returns). */
export const DEFAULT_USER_FUNCTION_TIMEOUT_MS = 5000;
export const MAX_USER_FUNCTION_TIMEOUT_MS = 600_000;

/** Key groups of an operator (§3 Key groups): at least one, at most Flink's upper bound. */
const maxParallelismSchema = z.number().int().min(1).max(UPPER_BOUND_MAX_PARALLELISM);

export const jobConfigSchema = z.object({
  /** Default max parallelism for every operator that does not set its own (Flink: key groups). */
  maxParallelism: maxParallelismSchema.optional(),
  /** pipeline.auto-watermark-interval; Flink's default is 200 ms. */
  autoWatermarkIntervalMs: z.number().int().nonnegative().optional(),
  /** execution.buffer-timeout; Flink's default is 100 ms, 0 flushes after every record. */
  bufferTimeoutMs: z.number().int().nonnegative().optional(),
  /** Size of one network buffer (Flink's taskmanager.memory.segment-size); default 32 KB. */
  bufferSizeBytes: z
    .number()
    .int()
    .min(64)
    .max(1024 * 1024)
    .optional(),
  /** Exclusive buffers per input channel (taskmanager.network.memory.buffers-per-channel); default 2. */
  buffersPerChannel: z.number().int().min(1).max(1024).optional(),
  /** Floating buffers per input gate (taskmanager.network.memory.floating-buffers-per-gate); default 8. */
  floatingBuffersPerGate: z.number().int().nonnegative().max(4096).optional(),
  /** pipeline.operator-chaining.enabled */
  operatorChaining: z.boolean().optional(),
  /**
   * pipeline.operator-chaining.chain-operators-with-different-max-parallelism; Flink's default is true.
   * Set to false, an edge between operators of different max parallelism breaks the chain (§1 rule 8).
   */
  chainOperatorsWithDifferentMaxParallelism: z.boolean().optional(),
  checkpointing: checkpointingSchema.optional(),
  restartStrategy: restartStrategySchema.optional(),
  /** Heap of each task's worker thread in MB; default DEFAULT_TASK_HEAP_SIZE_MB. */
  taskHeapSizeMb: z.number().int().min(32).max(MAX_TASK_HEAP_SIZE_MB).optional(),
  /** Longest a single call of a user function may run; default DEFAULT_USER_FUNCTION_TIMEOUT_MS. */
  userFunctionTimeoutMs: z.number().int().positive().max(MAX_USER_FUNCTION_TIMEOUT_MS).optional(),
});
export type JobConfig = z.infer<typeof jobConfigSchema>;

export const OPERATOR_KINDS = [
  'source.sequence',
  'source.collection',
  'source.datagen',
  'source.file',
  'map',
  'filter',
  'flatMap',
  /** Flink's ProcessFunction, or KeyedProcessFunction behind a hash edge: state, timers, side outputs. */
  'process',
  /** Flink's connect(): CoMapFunction, CoFlatMapFunction and (Keyed)CoProcessFunction over two inputs. */
  'coMap',
  'coFlatMap',
  'coProcess',
  'reduce',
  'sum',
  'min',
  'max',
  'window',
  'watermarks',
  'union',
  'sink.collect',
  'sink.print',
  'sink.file',
  'sink.discard',
  /** An operator of an imported Flink plan that Sluice has no equivalent for: drawn with its Flink name, never run. */
  'flink.unsupported',
] as const;
export const operatorKindSchema = z.enum(OPERATOR_KINDS);
/** The kinds a user writes and Sluice runs: every kind but the import-only marker for unsupported Flink operators. */
export const RUNNABLE_OPERATOR_KINDS = OPERATOR_KINDS.filter((kind) => kind !== 'flink.unsupported');
export type OperatorKind = z.infer<typeof operatorKindSchema>;

/** Canvas position kept in the file so a saved graph reopens as it was drawn. */
export const positionSchema = z.object({ x: z.number(), y: z.number() });

export const operatorSpecSchema = z.object({
  id: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9_.-]+$/, 'ids use letters, digits, "_", "-" and "." only'),
  kind: operatorKindSchema,
  name: z.string().optional(),
  parallelism: z.number().int(),
  maxParallelism: maxParallelismSchema.optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  chaining: chainingStrategySchema.optional(),
  slotSharingGroup: z.string().min(1).optional(),
  position: positionSchema.optional(),
  /** Artificial delay per record, in ms (fractions allowed): makes the operator slow, to show backpressure. */
  slowdownMs: z.number().nonnegative().max(10_000).optional(),
});
export type OperatorSpec = z.infer<typeof operatorSpecSchema>;

export const edgeSpecSchema = z.object({
  source: z.string(),
  target: z.string(),
  /** Omitted: forward when both sides have equal parallelism, else rebalance (as Flink). */
  partitioner: partitionerSchema.optional(),
  /** Key selector source for hash edges, e.g. "r => r.user". */
  key: z.string().max(MAX_FUNCTION_SOURCE_LENGTH).optional(),
  /**
   * Flink's OutputTag: the edge carries only the records its source emits under this tag. A window's tag is "late"
   * (records later than the allowed lateness); a process function names its own (`ctx.output(tag, value)`).
   */
  sideOutput: z.string().min(1).optional(),
  /** Which input of a two-input operator (coMap, coFlatMap, coProcess) the edge feeds; only such edges carry it. */
  input: z.union([z.literal(1), z.literal(2)]).optional(),
});
export type EdgeSpec = z.infer<typeof edgeSpecSchema>;

export const jobGraphSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  config: jobConfigSchema.optional(),
  operators: z.array(operatorSpecSchema),
  edges: z.array(edgeSpecSchema),
});
export type JobGraph = z.infer<typeof jobGraphSchema>;

/** Flink's defaults, in one place. */
export const DEFAULTS = {
  autoWatermarkIntervalMs: 200,
  bufferTimeoutMs: 100,
  bufferSizeBytes: 32 * 1024,
  buffersPerChannel: 2,
  floatingBuffersPerGate: 8,
  slotSharingGroup: 'default',
  chaining: 'ALWAYS' as ChainingStrategy,
} as const;
