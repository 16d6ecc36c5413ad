/**
 * The control plane between the cluster (ResourceManager, JobMasters) and a TaskManager process: typed
 * messages over the fork IPC channel, validated with zod on arrival on both sides (Flink's RPC gateways:
 * ResourceManagerGateway, TaskExecutorGateway, JobMasterGateway, reduced to messages).
 */
import { z } from 'zod';
import type { TaskDeploymentDescriptor } from '@sluice/engine';
import { jobConfigSchema, operatorSpecSchema, partitionerSchema } from '@sluice/model';
import { subtaskMetricsSchema, taskManagerMetricsSchema, taskStateSchema } from '@sluice/protocol';

const taskLocationSchema = z.object({ taskManagerId: z.string(), slotIndex: z.number().int().nonnegative() });
const placedSubtaskSchema = z.object({ subtaskIndex: z.number().int().nonnegative(), location: taskLocationSchema });

const operatorSubtaskStateSchema = z.object({
  keyedState: z.array(z.object({ keyGroup: z.number().int().nonnegative(), state: z.unknown() })),
  operatorState: z.array(z.unknown()),
});

/** A restored subtask's state (TaskStateSnapshot): left out of the schema, zod would strip it and every restart would begin anew. */
const taskStateSnapshotSchema = z.object({
  operators: z.record(z.string(), operatorSubtaskStateSchema),
  inputChannelState: z.array(z.object({ channel: z.string(), elements: z.array(z.unknown()) })),
});

export const taskDeploymentDescriptorSchema: z.ZodType<TaskDeploymentDescriptor> = z.object({
  jobId: z.string(),
  attemptNumber: z.number().int().nonnegative(),
  vertexId: z.string(),
  taskName: z.string(),
  subtaskIndex: z.number().int().nonnegative(),
  parallelism: z.number().int().positive(),
  maxParallelism: z.number().int().positive(),
  location: taskLocationSchema,
  operators: z.array(operatorSpecSchema),
  chainedEdges: z.array(z.object({ source: z.string(), target: z.string(), sideOutput: z.string().optional() })),
  inputGates: z.array(
    z.object({
      edgeIndex: z.number().int().nonnegative(),
      sourceVertexId: z.string(),
      partitioner: partitionerSchema,
      key: z.string().optional(),
      input: z.union([z.literal(1), z.literal(2)]).optional(),
      producers: z.array(placedSubtaskSchema),
    }),
  ),
  resultPartitions: z.array(
    z.object({
      edgeIndex: z.number().int().nonnegative(),
      sourceOperator: z.string(),
      targetVertexId: z.string(),
      partitioner: partitionerSchema,
      key: z.string().optional(),
      sideOutput: z.string().optional(),
      consumerParallelism: z.number().int().positive(),
      consumerMaxParallelism: z.number().int().positive(),
      consumers: z.array(placedSubtaskSchema),
    }),
  ),
  jobConfig: jobConfigSchema,
  network: z.object({
    bufferSizeBytes: z.number().int().positive(),
    bufferTimeoutMs: z.number().int().nonnegative(),
    buffersPerChannel: z.number().int().positive(),
    floatingBuffersPerGate: z.number().int().nonnegative(),
  }),
  restoredState: taskStateSnapshotSchema.optional(),
  restoredCheckpointId: z.number().int().nonnegative().optional(),
});

const checkpointOptionsSchema = z.object({
  checkpointId: z.number().int().positive(),
  timestamp: z.number(),
  mode: z.enum(['EXACTLY_ONCE', 'AT_LEAST_ONCE']),
  unaligned: z.boolean(),
  savepoint: z.boolean(),
});

const subtaskSchema = { jobId: z.string(), vertexId: z.string(), subtaskIndex: z.number().int().nonnegative() };
/**
 * Which execution attempt of the job a report comes from (the tdd's attemptNumber): after a restart, what the
 * failed attempt's tasks still had in flight must not count for the new one.
 */
const attemptSchema = { attemptNumber: z.number().int().nonnegative() };

export const taskFailureSchema = z.object({
  message: z.string(),
  stack: z.string(),
  operatorId: z.string().optional(),
});

/** A watermark may be infinite: the final watermark of a bounded input is +∞ (Flink's Long.MAX_VALUE); z.number() rejects it. */
const watermarkSchema = z.custom<number>(
  (value) => typeof value === 'number' && !Number.isNaN(value),
  'expected a number or ±Infinity',
);

/**
 * A subtask's figures as the protocol publishes them, plus the per-channel detail the JobMaster aggregates into
 * edge figures. The watermark is widened: inside the cluster it may still be +∞ (the protocol sees it after JSON).
 */
export const taskMetricsSchema = subtaskMetricsSchema.extend({
  currentInputWatermark: watermarkSchema.nullable(),
  channels: z.array(
    z.object({ channel: z.string(), credit: z.number(), backlog: z.number(), buffersSent: z.number() }),
  ),
  inputChannels: z.array(z.object({ channel: z.string(), buffersConsumed: z.number() })),
});

/** ResourceManager / JobMaster → TaskManager. */
export const toTaskManagerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heartbeatRequest') }),
  z.object({
    type: z.literal('deployTask'),
    tdd: taskDeploymentDescriptorSchema,
    /** Data ports of the TaskManagers this task exchanges data with, by TaskManager id. */
    dataPorts: z.record(z.string(), z.number().int().positive()),
    /** The job's checkpoint storage directory: the task writes its state for checkpoint n into chk-<n> there. */
    checkpointDirectory: z.string().optional(),
  }),
  z.object({ type: z.literal('cancelTask'), ...subtaskSchema }),
  /** The CheckpointCoordinator triggers checkpoint n on a source task (§7 Checkpoints). */
  z.object({
    type: z.literal('triggerCheckpoint'),
    ...subtaskSchema,
    ...attemptSchema,
    options: checkpointOptionsSchema,
  }),
  /** Checkpoint n completed (every task acknowledged, _metadata written) or was aborted: every task of the attempt hears it. */
  z.object({
    type: z.literal('notifyCheckpoint'),
    jobId: z.string(),
    ...attemptSchema,
    checkpointId: z.number().int().positive(),
    outcome: z.enum(['complete', 'aborted']),
  }),
  /** The job is over: stop its tasks, drop its channels and queued network messages. */
  z.object({ type: z.literal('releaseJob'), jobId: z.string() }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToTaskManager = z.infer<typeof toTaskManagerSchema>;

/** A TaskManager reports every task state but SCHEDULED: a task is SCHEDULED only in the JobMaster, before deployment. */
const taskExecutionStateSchema = taskStateSchema.exclude(['SCHEDULED']);

/** TaskManager → ResourceManager / JobMaster. */
export const fromTaskManagerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('register'),
    taskManagerId: z.string(),
    pid: z.number().int(),
    dataPort: z.number().int().positive(),
    slots: z.number().int().positive(),
  }),
  z.object({ type: z.literal('heartbeat') }),
  z.object({ type: z.literal('taskManagerMetrics'), metrics: taskManagerMetricsSchema }),
  z.object({
    type: z.literal('taskState'),
    ...subtaskSchema,
    ...attemptSchema,
    state: taskExecutionStateSchema,
    failure: taskFailureSchema.optional(),
  }),
  z.object({
    type: z.literal('sinkRecords'),
    ...subtaskSchema,
    ...attemptSchema,
    operatorId: z.string(),
    values: z.array(z.unknown()),
  }),
  z.object({ type: z.literal('print'), jobId: z.string(), ...attemptSchema, operatorId: z.string(), line: z.string() }),
  z.object({ type: z.literal('metrics'), jobId: z.string(), tasks: z.array(taskMetricsSchema) }),
  /** The subtask's state for checkpoint n is in `file` (encodeTaskState bytes); `crc` is its header's CRC-32. */
  z.object({
    type: z.literal('acknowledgeCheckpoint'),
    ...subtaskSchema,
    ...attemptSchema,
    checkpointId: z.number().int().positive(),
    file: z.string(),
    stateSizeBytes: z.number().int().nonnegative(),
    crc: z.string(),
    alignmentDurationMs: z.number().nonnegative(),
  }),
  z.object({
    type: z.literal('declineCheckpoint'),
    ...subtaskSchema,
    ...attemptSchema,
    checkpointId: z.number().int().positive(),
    reason: z.string(),
  }),
  /** A bounded source reached its end and waits for its final checkpoint (FLIP-147). */
  z.object({ type: z.literal('awaitFinalCheckpoint'), ...subtaskSchema, ...attemptSchema }),
]);
export type FromTaskManager = z.infer<typeof fromTaskManagerSchema>;
export type FromTaskManagerOf<T extends FromTaskManager['type']> = Extract<FromTaskManager, { type: T }>;

/** Parses a control message, naming the offending field when it is malformed. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown, direction: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') || '(root)' : '(root)';
  throw new Error(`invalid ${direction} message at ${path}: ${issue?.message ?? 'unknown problem'}`);
}
