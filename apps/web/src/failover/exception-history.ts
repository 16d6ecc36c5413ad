/**
 * The job's exception history (Flink's exceptions tab): every failure of a running job and what the restart
 * strategy made of it, newest first. Folded from job.exception events and replaced by GET /jobs/:id/exceptions
 * whenever that has seen at least as much.
 */
import type { JobExceptionsInfo, RuntimeEvent } from '@sluice/protocol';

export function emptyExceptionHistory(): JobExceptionsInfo {
  return { restarts: 0, entries: [] };
}

export function applyExceptionEvent(history: JobExceptionsInfo, event: RuntimeEvent): JobExceptionsInfo {
  if (event.type !== 'job.exception') return history;
  const entry: JobExceptionsInfo['entries'][number] = {
    timestamp: event.timestamp,
    cause: event.cause,
    message: event.message,
    stack: event.stack,
    vertexId: event.vertexId ?? null,
    subtaskIndex: event.subtaskIndex ?? null,
    taskManagerId: event.taskManagerId ?? null,
    attemptNumber: event.attemptNumber,
    willRestart: event.willRestart,
    restoreCheckpointId: event.restoreCheckpointId ?? null,
  };
  // Each failure the strategy restarts from is one restart.
  return { restarts: history.restarts + (event.willRestart ? 1 : 0), entries: [entry, ...history.entries] };
}

/** Entries are only ever added: the longer list is the newer one. */
export function mergeExceptionHistory(local: JobExceptionsInfo, snapshot: JobExceptionsInfo): JobExceptionsInfo {
  return snapshot.entries.length >= local.entries.length ? snapshot : local;
}
