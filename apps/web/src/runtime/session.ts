/**
 * What the toolbar's buttons do against the server: submit, watch and cancel a job, keep the
 * cluster view fresh. The store stays free of I/O; this module wires it up.
 */
import type { RuntimeEvent } from '@sluice/protocol';
import * as rest from '../api/rest';
import { usePlots } from '../plots/plots-store';
import { runTargetQuery, useRunTarget } from '../run-target/run-target-store';
import { editorStore } from '../store/app-store';
import { openRuntimeConnection, type RuntimeConnection } from './connection';
import { isTerminal } from './live-job';
import type { SavepointKind } from '../checkpoints/savepoint-operation';

let connection: RuntimeConnection | null = null;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Events after which the Dispatcher knows more than they say: the restore, the configuration, the exact counts. */
const REFRESHES_CHECKPOINTS: ReadonlySet<RuntimeEvent['type']> = new Set([
  'job.status',
  'checkpoint.completed',
  'checkpoint.failed',
  'job.exception',
]);

let checkpointRefresh: { jobId: string; again: boolean } | null = null;

/**
 * GET /jobs/:id/checkpoints and /exceptions, one pair at a time: a refresh asked for while one is on its way runs
 * once more after it, so a burst of checkpoints costs two requests, and the last answer is never older than the last event.
 */
function refreshCheckpoints(jobId: string): void {
  if (checkpointRefresh?.jobId === jobId) {
    checkpointRefresh.again = true;
    return;
  }
  const current = { jobId, again: false };
  checkpointRefresh = current;
  const store = editorStore.getState();
  Promise.allSettled([
    rest.fetchCheckpoints(jobId).then((statistics) => store.checkpointsReceived(jobId, statistics)),
    rest.fetchExceptions(jobId).then((exceptions) => store.exceptionsReceived(jobId, exceptions)),
  ]).then(() => {
    // Failed requests are left to the events, which carry everything but the configuration and the restores.
    if (checkpointRefresh !== current) return;
    checkpointRefresh = null;
    if (current.again) refreshCheckpoints(jobId);
  });
}

export async function refreshCluster(): Promise<void> {
  try {
    editorStore.getState().clusterReceived(await rest.fetchTaskManagers());
  } catch (error) {
    editorStore.getState().clusterUnreachable(reason(error));
  }
}

/** Opens the live connection once; returns a function that closes it (for React's effect cleanup). */
export function startSession(onConnected: (connected: boolean) => void): () => void {
  connection = openRuntimeConnection(
    (event) => {
      const before = editorStore.getState().job;
      editorStore.getState().runtimeEvent(event);
      const job = editorStore.getState().job;
      // A job the canvas switched away from may still be running: its figures are not the current job's.
      if (!('jobId' in event) || event.jobId === job?.jobId) usePlots.getState().plotEvent(event);
      // A job.status that repeats the status (some servers send one with every metrics frame) left the job as it was: nothing new to fetch.
      const repeated = event.type === 'job.status' && job === before;
      if (job && 'jobId' in event && event.jobId === job.jobId && REFRESHES_CHECKPOINTS.has(event.type) && !repeated)
        refreshCheckpoints(job.jobId);
    },
    (connected) => {
      // A (re)subscription replays the job from its start: start from a clean slate so nothing counts twice.
      if (connected) {
        editorStore.getState().jobResubscribed();
        usePlots.getState().reset();
      }
      onConnected(connected);
    },
  );
  void refreshCluster();
  // When the job ends, the REST snapshot is the exact, complete sink output; the slots are free again.
  const unsubscribe = editorStore.subscribe((state, previous) => {
    const job = state.job;
    if (!job || job.status === previous.job?.status) return;
    void refreshCluster();
    if (isTerminal(job.status)) {
      rest.fetchJob(job.jobId).then(
        (details) => editorStore.getState().jobDetailsReceived(details),
        () => undefined, // the events already delivered everything; the snapshot only double-checks
      );
    }
  });
  return () => {
    unsubscribe();
    connection?.close();
    connection = null;
  };
}

/** Submits the canvas's graph; with `savepointPath` the job starts from that savepoint (its parallelism may differ). */
export async function runJob(savepointPath?: string): Promise<void> {
  const { jobGraph, plan } = editorStore.getState();
  if (!plan) return;
  editorStore.getState().jobSubmitting();
  try {
    const runTarget = useRunTarget.getState();
    const result = await rest.submitJob(jobGraph, savepointPath, runTargetQuery(runTarget));
    if (!result.ok) {
      editorStore.getState().jobRejected(result.problems);
      return;
    }
    runTarget.jobSubmitted(result.jobId, runTarget.target);
    // The planner is the server's too: the local plan is the one the JobMaster deploys.
    editorStore.getState().jobSubmitted(result.jobId, plan, savepointPath);
    connection?.subscribe(result.jobId);
  } catch (error) {
    if (error instanceof rest.DispatcherUnreachableError) editorStore.getState().jobSubmitUnreachable(error.message);
    else editorStore.getState().jobSubmitFailed(reason(error));
  }
}

export async function cancelRunningJob(): Promise<void> {
  const { job } = editorStore.getState();
  if (!job) return;
  try {
    await rest.cancelJob(job.jobId);
  } catch (error) {
    editorStore.getState().jobSubmitFailed(reason(error));
  }
}

/** How often the savepoint's status route is asked while the operation is IN_PROGRESS. */
const SAVEPOINT_POLL_MS = 200;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls GET /jobs/:id/savepoints/:requestId until the operation is over (or another one replaced it). */
async function followSavepoint(jobId: string, requestId: string): Promise<void> {
  for (;;) {
    await sleep(SAVEPOINT_POLL_MS);
    const operation = editorStore.getState().savepoint;
    if (operation?.phase !== 'in-progress' || operation.requestId !== requestId) return;
    try {
      editorStore.getState().savepointStatusReceived(requestId, await rest.fetchSavepointStatus(jobId, requestId));
    } catch (error) {
      editorStore.getState().savepointRequestFailed(reason(error));
      return;
    }
  }
}

/** "Trigger savepoint" (the job keeps running) or "Stop with savepoint" (it FINISHES after the savepoint). */
export async function startSavepoint(kind: SavepointKind): Promise<void> {
  const { job } = editorStore.getState();
  if (!job) return;
  editorStore.getState().savepointRequested(kind, job.jobId);
  try {
    const requestId =
      kind === 'stop' ? await rest.stopWithSavepoint(job.jobId) : await rest.triggerSavepoint(job.jobId);
    editorStore.getState().savepointAccepted(requestId);
    await followSavepoint(job.jobId, requestId);
  } catch (error) {
    editorStore.getState().savepointRequestFailed(reason(error));
  }
  // The savepoint is a row of the job's checkpoint history now.
  if (editorStore.getState().job?.jobId === job.jobId) refreshCheckpoints(job.jobId);
}

/** Runs the canvas's current graph from the session's newest savepoint. */
export async function resumeFromSavepoint(): Promise<void> {
  const location = editorStore.getState().savepointLocation;
  if (location !== null) await runJob(location);
}
