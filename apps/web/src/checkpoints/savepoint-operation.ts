/**
 * One savepoint operation as the browser follows it (§7 Savepoints): POST /jobs/:id/savepoints or /stop answers
 * 202 with a requestId, GET /jobs/:id/savepoints/:requestId then reports IN_PROGRESS until it is COMPLETED with the
 * savepoint's location or with the failure's cause. Pure: session.ts does the requests and feeds the answers in.
 */
import type { SavepointStatus } from '@sluice/protocol';

/** "trigger": the job keeps running; "stop": stop with savepoint, the job FINISHES after it. */
export type SavepointKind = 'trigger' | 'stop';

export type SavepointOperation =
  /** Asked for; the Dispatcher has not answered with a requestId yet. */
  | { phase: 'requesting'; kind: SavepointKind; jobId: string }
  | { phase: 'in-progress'; kind: SavepointKind; jobId: string; requestId: string }
  | { phase: 'completed'; kind: SavepointKind; jobId: string; requestId: string; location: string }
  /** `requestId` is null when the trigger itself was refused (e.g. 409: the job is no longer RUNNING). */
  | { phase: 'failed'; kind: SavepointKind; jobId: string; requestId: string | null; reason: string };

export function requestSavepoint(kind: SavepointKind, jobId: string): SavepointOperation {
  return { phase: 'requesting', kind, jobId };
}

/** The trigger's 202: from now on the status route is polled with this requestId. */
export function savepointAccepted(operation: SavepointOperation, requestId: string): SavepointOperation {
  if (operation.phase !== 'requesting') return operation;
  return { phase: 'in-progress', kind: operation.kind, jobId: operation.jobId, requestId };
}

/** A status answer; one for another request (an older operation still being polled) changes nothing. */
export function savepointStatusReceived(
  operation: SavepointOperation,
  requestId: string,
  status: SavepointStatus,
): SavepointOperation {
  if (operation.phase !== 'in-progress' || operation.requestId !== requestId) return operation;
  if (status.status.id === 'IN_PROGRESS') return operation;
  const { kind, jobId } = operation;
  const outcome = status.operation;
  if (outcome && 'location' in outcome)
    return { phase: 'completed', kind, jobId, requestId, location: outcome.location };
  const reason =
    outcome && 'failureCause' in outcome
      ? outcome.failureCause
      : 'the Dispatcher reported the operation COMPLETED without a location or a cause';
  return { phase: 'failed', kind, jobId, requestId, reason };
}

/** The trigger or a status request failed (refused, network error): the operation is over. */
export function savepointRequestFailed(operation: SavepointOperation, reason: string): SavepointOperation {
  if (operation.phase === 'completed' || operation.phase === 'failed') return operation;
  return {
    phase: 'failed',
    kind: operation.kind,
    jobId: operation.jobId,
    requestId: operation.phase === 'in-progress' ? operation.requestId : null,
    reason,
  };
}

export function isSavepointPending(operation: SavepointOperation | null): boolean {
  return operation !== null && (operation.phase === 'requesting' || operation.phase === 'in-progress');
}

/** A savepoint needs every task running, and one operation at a time is what the panel follows. */
export function canStartSavepoint(operation: SavepointOperation | null, jobStatus: string | null): boolean {
  return jobStatus === 'RUNNING' && !isSavepointPending(operation);
}

/** The location a resume starts from: the newest completed savepoint of the session, kept when a later one fails. */
export function latestSavepointLocation(previous: string | null, operation: SavepointOperation): string | null {
  return operation.phase === 'completed' ? operation.location : previous;
}
