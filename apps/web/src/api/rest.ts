/**
 * The Dispatcher's REST API (same origin; Vite proxies it in dev). Answers are parsed with the
 * protocol's zod schemas, so a server that drifts from the contract fails loudly here.
 */
import type { JobGraph } from '@sluice/model';
import {
  asyncOperationTriggerSchema,
  checkpointingStatisticsSchema,
  jobDetailsSchema,
  jobExceptionsInfoSchema,
  problemDetailsSchema,
  jobSubmitResponseSchema,
  problemsResponseSchema,
  savepointStatusSchema,
  taskManagerInfoSchema,
  type CheckpointingStatistics,
  type JobDetails,
  type JobExceptionsInfo,
  type Problem,
  type SavepointStatus,
  type TaskManagerInfo,
} from '@sluice/protocol';
import { askForAccessToken } from './access-token.js';

/**
 * Nothing that speaks the Dispatcher's API answered: the network failed, or whatever answered (a static
 * file server hosting the built app, a dev proxy with nothing behind it) did not answer in JSON, which
 * the Dispatcher always does. Run cannot work then; Step mode can, in the browser.
 */
export class DispatcherUnreachableError extends Error {
  override readonly name = 'DispatcherUnreachableError';
}

/** application/json, or application/problem+json: the Dispatcher's error answers (RFC 9457). */
function isJson(response: Response): boolean {
  return /application\/(problem\+)?json/.test(response.headers.get('content-type') ?? '');
}

/** Every request to the Dispatcher; a 401 (a server that needs a token) asks the user for it. */
async function call(path: string, init: RequestInit): Promise<Response> {
  const response = await fetch(path, init);
  if (response.status === 401) void askForAccessToken();
  return response;
}

async function dispatcherFetch(method: string, path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await call(path, { ...init, method });
  } catch (error) {
    throw new DispatcherUnreachableError(
      `${method} ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isJson(response))
    throw new DispatcherUnreachableError(`${method} ${path}: HTTP ${response.status}, not a Dispatcher answer`);
  return response;
}

/** A JSON request body to the Dispatcher; the answer is checked to be the Dispatcher's, as dispatcherFetch does. */
function postJson(path: string, body: unknown): Promise<Response> {
  return dispatcherFetch('POST', path, {
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

async function getJson(path: string): Promise<unknown> {
  const response = await call(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return response.json();
}

export type SubmitResult = { ok: true; jobId: string } | { ok: false; problems: Problem[] };

/** `savepointPath`: start the job from that savepoint folder (POST /jobs?savepointPath=); a savepoint that does not fit is a 400 problem. */
export async function submitJob(
  jobGraph: JobGraph,
  savepointPath?: string,
  target: URLSearchParams = new URLSearchParams(),
): Promise<SubmitResult> {
  const query = new URLSearchParams(target);
  if (savepointPath !== undefined) query.set('savepointPath', savepointPath);
  const path = query.size === 0 ? '/jobs' : `/jobs?${query.toString()}`;
  const response = await postJson(path, jobGraph);
  if (response.status === 400)
    return { ok: false, problems: problemsResponseSchema.parse(await response.json()).problems };
  // 502: the Flink cluster of the run target is down or refused the jar or the job; the detail names which.
  if (response.status === 502)
    throw new Error(problemsResponseSchema.parse(await response.json()).problems[0]!.message);
  if (!response.ok) throw new Error(`POST /jobs: HTTP ${response.status} ${await response.text()}`);
  return { ok: true, jobId: jobSubmitResponseSchema.parse(await response.json()).jobId };
}

export async function fetchJob(jobId: string): Promise<JobDetails> {
  return jobDetailsSchema.parse(await getJson(`/jobs/${encodeURIComponent(jobId)}`));
}

export async function cancelJob(jobId: string): Promise<void> {
  // The Dispatcher takes a state change only with a JSON body, which a cross-site page cannot send unasked.
  const response = await call(`/jobs/${encodeURIComponent(jobId)}`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`DELETE /jobs/${jobId}: HTTP ${response.status}`);
}

export async function fetchTaskManagers(): Promise<TaskManagerInfo[]> {
  return taskManagerInfoSchema.array().parse(await getJson('/taskmanagers'));
}

export async function fetchCheckpoints(jobId: string): Promise<CheckpointingStatistics> {
  return checkpointingStatisticsSchema.parse(await getJson(`/jobs/${encodeURIComponent(jobId)}/checkpoints`));
}

export async function fetchExceptions(jobId: string): Promise<JobExceptionsInfo> {
  return jobExceptionsInfoSchema.parse(await getJson(`/jobs/${encodeURIComponent(jobId)}/exceptions`));
}

/** The signals failure injection sends a TaskManager process: SIGKILL kills it, SIGSTOP freezes it (its heartbeats stop). */
export type TaskManagerSignal = 'SIGKILL' | 'SIGSTOP';

/** POST /taskmanagers/:id/kill; an error names the Dispatcher's reason (an unknown or already gone TaskManager). */
export async function signalTaskManager(taskManagerId: string, signal: TaskManagerSignal): Promise<void> {
  const path = `/taskmanagers/${encodeURIComponent(taskManagerId)}/kill`;
  const response = await postJson(path, { signal });
  if (!response.ok) throw await failure('POST', path, response);
}

/** The reason of an error answer: the ProblemDetails' detail when the Dispatcher sent one. */
async function failure(method: string, path: string, response: Response): Promise<Error> {
  const problem = problemDetailsSchema.safeParse(await response.json().catch(() => null));
  return new Error(`${method} ${path}: ${problem.success ? problem.data.detail : `HTTP ${response.status}`}`);
}

async function startSavepointOperation(path: string, body: object): Promise<string> {
  const response = await postJson(path, body);
  if (!response.ok) throw await failure('POST', path, response);
  return asyncOperationTriggerSchema.parse(await response.json()).requestId;
}

/** POST /jobs/:id/savepoints: the job keeps running; answers the operation's requestId. */
export function triggerSavepoint(jobId: string): Promise<string> {
  return startSavepointOperation(`/jobs/${encodeURIComponent(jobId)}/savepoints`, { cancelJob: false });
}

/** POST /jobs/:id/stop: a savepoint, then the job FINISHES; answers the operation's requestId. */
export function stopWithSavepoint(jobId: string): Promise<string> {
  return startSavepointOperation(`/jobs/${encodeURIComponent(jobId)}/stop`, {});
}

/** GET /jobs/:id/savepoints/:requestId. */
export async function fetchSavepointStatus(jobId: string, requestId: string): Promise<SavepointStatus> {
  const path = `/jobs/${encodeURIComponent(jobId)}/savepoints/${encodeURIComponent(requestId)}`;
  const response = await dispatcherFetch('GET', path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw await failure('GET', path, response);
  return savepointStatusSchema.parse(await response.json());
}
