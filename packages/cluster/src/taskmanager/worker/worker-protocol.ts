/**
 * Messages between a TaskManager's main thread and one of its task worker threads (same process:
 * structured clone, ArrayBuffers and MessagePorts transferred, so plain TypeScript types suffice).
 */
import type { MessagePort } from 'node:worker_threads';
import type {
  CheckpointOptions,
  NetworkMessage,
  TaskDeploymentDescriptor,
  TaskExecutionState,
  TaskFailure,
  TaskMetrics,
} from '@sluice/engine';

export interface TaskWorkerDeployment {
  tdd: TaskDeploymentDescriptor;
  taskManagerId: string;
  /** The TaskManager's NetworkBufferPool: its shared memory and size, and the task's ledger in it. */
  networkMemory: SharedArrayBuffer | ArrayBuffer;
  networkMemoryBytes: number;
  networkMemoryLedger: SharedArrayBuffer | ArrayBuffer;
  /** Where the task writes its checkpointed state (chk-<n>/<vertex>-<subtask>.state); absent without checkpointing. */
  checkpointDirectory?: string;
  /** The Heartbeat the thread beats while its event loop turns, read by the TaskManager's StallWatchdog. */
  heartbeat: SharedArrayBuffer;
}

export type ToTaskWorker =
  /** The first message: the subtask this (pre-started) thread runs. */
  | ({ type: 'deploy' } & TaskWorkerDeployment)
  /** A network message for this task that came over TCP from another TaskManager. */
  | { type: 'network'; message: NetworkMessage }
  /** The direct in-memory port to the task at the other end of a channel inside this TaskManager. */
  | { type: 'localChannel'; channel: string; port: MessagePort }
  | { type: 'snapshotMetrics' }
  | { type: 'cancel' }
  | { type: 'triggerCheckpoint'; options: CheckpointOptions }
  | { type: 'notifyCheckpoint'; checkpointId: number; outcome: 'complete' | 'aborted' };

export type FromTaskWorker =
  /** A network message for a task on another TaskManager; the main thread sends it over TCP. */
  | { type: 'remote'; targetTaskManagerId: string; message: NetworkMessage }
  | { type: 'state'; state: TaskExecutionState; failure?: TaskFailure }
  | { type: 'sinkRecords'; operatorId: string; values: unknown[] }
  | { type: 'print'; line: string }
  | { type: 'metrics'; metrics: TaskMetrics }
  /** The task's state for checkpoint n is written to `file`. */
  | {
      type: 'acknowledgeCheckpoint';
      checkpointId: number;
      file: string;
      stateSizeBytes: number;
      crc: string;
      alignmentDurationMs: number;
    }
  | { type: 'declineCheckpoint'; checkpointId: number; reason: string }
  /** The source reached its end and waits for its final checkpoint. */
  | { type: 'awaitFinalCheckpoint' };

/** A buffer's payload moves, never copies, between threads. */
export const transferablesOf = (message: NetworkMessage): ArrayBuffer[] =>
  message.type === 'buffer' ? [message.data] : [];

/** What a failure looks like when it is not a TaskFailure the engine built (a crash of the worker itself). */
export function failureOf(error: unknown): TaskFailure {
  if (error instanceof Error)
    return { message: error.message, stack: error.stack ?? `${error.name}: ${error.message}` };
  return { message: String(error), stack: String(error) };
}
