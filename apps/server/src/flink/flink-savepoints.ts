/**
 * Savepoints of a job on Flink, through Flink's own asynchronous operations: trigger (optionally cancelling the job)
 * and stop-with-savepoint answer a trigger id at once, which Sluice's savepoint routes hand out as their requestId;
 * the status answer maps onto Sluice's SavepointStatus. Flink writes the savepoint itself, so the folder is a path
 * on the machines of the Flink cluster.
 */
import type { SavepointStatus } from '@sluice/protocol';
import type { FlinkRestClient } from './flink-rest-client.js';

/** GET /jobs/:id/savepoints/:triggerid (Flink 2.x). */
export interface FlinkSavepointStatus {
  status: { id: 'IN_PROGRESS' | 'COMPLETED' };
  operation?: { location?: string; 'failure-cause'?: { class?: string; 'stack-trace'?: string } } | null;
}

export function triggerSavepoint(
  client: FlinkRestClient,
  jobId: string,
  targetDirectory: string,
  cancelJob: boolean,
): Promise<string> {
  return triggerId(
    client.post(`/jobs/${jobId}/savepoints`, {
      'target-directory': targetDirectory,
      'cancel-job': cancelJob,
      formatType: 'CANONICAL',
    }),
  );
}

/** Flink's stop: a savepoint, then the sources end without draining event time (drain: false), as Sluice's stop. */
export function stopWithSavepoint(client: FlinkRestClient, jobId: string, targetDirectory: string): Promise<string> {
  return triggerId(client.post(`/jobs/${jobId}/stop`, { targetDirectory, drain: false, formatType: 'CANONICAL' }));
}

async function triggerId(answer: Promise<unknown>): Promise<string> {
  const { 'request-id': id } = (await answer) as { 'request-id': string };
  return id;
}

/** The first line of the failure's stack trace says what went wrong ("...CheckpointException: ..."). */
export function savepointStatusOf(answer: FlinkSavepointStatus): SavepointStatus {
  if (answer.status.id === 'IN_PROGRESS') return { status: { id: 'IN_PROGRESS' }, operation: null };
  const { location, 'failure-cause': failure } = answer.operation ?? {};
  if (location !== undefined) return { status: { id: 'COMPLETED' }, operation: { location } };
  const trace = failure?.['stack-trace'] ?? failure?.class ?? 'Flink reported the savepoint failed without a cause';
  return { status: { id: 'COMPLETED' }, operation: { failureCause: trace.split('\n')[0]!.trim() } };
}
