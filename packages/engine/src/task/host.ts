/**
 * The seam between a task and where it runs. The engine never touches Node APIs: a TaskManager
 * worker thread (packages/cluster) or the deterministic step scheduler (one thread, seeded order)
 * provides a TaskHost, and the same StreamTask code runs in both.
 */
import type { NetworkMessage } from '../network/messages.js';
import type { NetworkBufferPool } from '../network/network-buffer-pool.js';
import type { TaskStateSnapshot } from '../checkpoint/task-state-snapshot.js';
import type { TaskFileSystem } from '../checkpoint/task-file-system.js';
import type { StepObserver } from './step-observer.js';

export type TaskExecutionState = 'DEPLOYING' | 'INITIALIZING' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED';

/** The states a task never leaves. */
export const isTerminalTaskState = (state: TaskExecutionState): boolean =>
  state === 'FINISHED' || state === 'FAILED' || state === 'CANCELED';

export interface TaskFailure {
  message: string;
  stack: string;
  /** The operator whose code threw, when known. */
  operatorId?: string;
}

/** Per-channel flow-control figures (Flink's credit/backlog view of one subpartition ↔ input channel). */
export interface ChannelMetrics {
  channel: string;
  /** Credit the producer currently holds for this channel. */
  credit: number;
  /** Buffers queued in the producer's subpartition. */
  backlog: number;
  /** Data buffers sent so far; with the consumer's buffersConsumed, the buffers in flight. */
  buffersSent: number;
}

/** One input channel of a task, seen from the consumer side. */
export interface InputChannelMetrics {
  channel: string;
  /** Data buffers received and fully read so far. */
  buffersConsumed: number;
}

export interface TaskMetrics {
  vertexId: string;
  subtaskIndex: number;
  recordsIn: number;
  recordsOut: number;
  /** Flink's busyTimeMsPerSecond / idleTimeMsPerSecond / backPressuredTimeMsPerSecond. */
  busyMsPerSecond: number;
  idleMsPerSecond: number;
  backPressuredMsPerSecond: number;
  /** 0..1 */
  inPoolUsage: number;
  outPoolUsage: number;
  /** null until the first watermark. */
  currentInputWatermark: number | null;
  /** Output channels of this task, seen from the producer side. */
  channels: ChannelMetrics[];
  inputChannels: InputChannelMetrics[];
}

export interface TaskNetwork {
  /** Send to the peer of msg.channel: the consumer task for a buffer, the producer task for a credit. */
  send(msg: NetworkMessage): void;
  /** The host calls the handler with every message addressed to this task. */
  onMessage(handler: (msg: NetworkMessage) => void): void;
}

/**
 * Processing time and the task's mailbox turns. In a TaskManager worker this is the wall clock; under the
 * deterministic step scheduler it is virtual time, so the same task code is reproducible step by step.
 */
export interface ProcessingTimeService {
  now(): number;
  /** Runs fn after delayMs; 0 means at the next turn of the task's mailbox, after pending messages. Returns a cancel function. */
  schedule(delayMs: number, fn: () => void): () => void;
}

export interface TaskHost {
  network: TaskNetwork;
  time: ProcessingTimeService;
  /**
   * The processing time that operators' processing-time timers and windows read, when it is not `time`: the step
   * mode gives them a virtual clock that moves only when the user advances it (design.md, processing time), while
   * the task's own work (periodic watermarks, a paced source, buffer flushes) keeps running on `time`.
   */
  operatorTime?: ProcessingTimeService;
  reportState(state: TaskExecutionState, failure?: TaskFailure): void;
  /**
   * Records reaching a sink.collect operator, in arrival order. `values` may be the sink's own batch, which it fills
   * again after the call (as Flink's collect sink serializes its values right away): a host that keeps them copies them.
   */
  emitSinkRecords(operatorId: string, values: unknown[]): void;
  /** A line written by sink.print (Flink prints "subtask> value"). */
  print(line: string): void;
  /**
   * The TaskManager's network memory, shared by its tasks, and this task's ledger in it (what the TaskManager
   * gives back should the task's thread stop before the task does); without it a task's own needs bound its buffers.
   */
  networkMemory?: { pool: NetworkBufferPool; ledger: SharedArrayBuffer | ArrayBuffer };
  /** Only in step mode (src/step): the task runs one element per mailbox turn and reports each one. */
  stepObserver?: StepObserver;
  /**
   * Where the task's checkpoint work goes: every host that can take a checkpoint provides all of it; one that takes
   * none (a bench, a unit test of a job without checkpointing) leaves it out, and a task of a job with
   * checkpointing then fails as it is deployed, not at its first barrier.
   */
  checkpointResponder?: CheckpointResponder;
  /** Synchronous file access (node:fs in a TaskManager worker), for sink.file; absent in the browser. */
  fileSystem?: TaskFileSystem;
}

/** Flink's CheckpointResponder: what a task tells the CheckpointCoordinator about checkpoints. */
export interface CheckpointResponder {
  /** Checkpoint n is snapshotted in every chained operator (Flink's acknowledgeCheckpoint). */
  acknowledgeCheckpoint(ack: CheckpointAcknowledgement): void;
  /** The task cannot complete checkpoint n (e.g. barrier n+1 arrived while n was aligning). */
  declineCheckpoint(checkpointId: number, reason: string): void;
  /**
   * A bounded source reached its end and holds back its EndOfPartition until a checkpoint whose barrier follows
   * the end completes (FLIP-147): a coordinator may trigger that one now instead of at its next interval.
   */
  awaitFinalCheckpoint(): void;
}

export interface CheckpointAcknowledgement {
  checkpointId: number;
  state: TaskStateSnapshot;
  /** From the first barrier n to the last on this task's inputs (0 for a source or a single input). */
  alignmentDurationMs: number;
  /** Bytes of the state in its checkpoint-storage form (encodeTaskState). */
  stateSizeBytes: number;
}
