/**
 * Checkpoints, exceptions, savepoints and failure injection over the Dispatcher's REST API (§7 Checkpoints and
 * recovery), against a real local cluster: real TaskManager processes, real signals, real savepoint folders.
 * Every response is parsed with the protocol's zod schema, every error checked down to its problem's path.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import {
  asyncOperationTriggerSchema,
  checkpointConfigInfoSchema,
  checkpointingStatisticsSchema,
  jobDetailsSchema,
  jobExceptionsInfoSchema,
  problemDetailsSchema,
  savepointStatusSchema,
  taskManagerInfoSchema,
  type JobDetails,
  type Problem,
  type SavepointStatus,
} from '@sluice/protocol';
import { dispatcherForFile, multiset, request, tempDir, until, type JsonResponse } from './harness.js';
import { keyedSum, runningSums } from './keyed-sum-job.js';

const dispatcher = dispatcherForFile();

const UNKNOWN_JOB = '0'.repeat(32);
const UNKNOWN_REQUEST = 'f'.repeat(32);

function problems(response: JsonResponse, status: number): Problem[] {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toContain('application/problem+json');
  const problem = problemDetailsSchema.parse(response.body);
  expect(problem.status).toBe(status);
  return problem.problems;
}

async function submit(jobGraph: JobGraph, query = ''): Promise<string> {
  const response = await request(dispatcher.url, 'POST', `/jobs${query}`, jobGraph);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return (response.body as { jobId: string }).jobId;
}

async function jobDetails(jobId: string): Promise<JobDetails> {
  const response = await request(dispatcher.url, 'GET', `/jobs/${jobId}`);
  expect(response.status).toBe(200);
  return jobDetailsSchema.parse(response.body);
}

const terminal = (jobId: string, timeoutMs = 30_000) =>
  until(async () => {
    const details = await jobDetails(jobId);
    return ['FINISHED', 'FAILED', 'CANCELED'].includes(details.status) ? details : undefined;
  }, timeoutMs);

/** Every task of the job RUNNING: what a savepoint needs. */
const allTasksRunning = (jobId: string) =>
  until(async () => {
    const details = await jobDetails(jobId);
    return details.status === 'RUNNING' && details.subtasks.every((s) => s.state === 'RUNNING') ? details : undefined;
  }, 20_000);

async function checkpoints(jobId: string) {
  const response = await request(dispatcher.url, 'GET', `/jobs/${jobId}/checkpoints`);
  expect(response.status).toBe(200);
  return checkpointingStatisticsSchema.parse(response.body);
}

async function savepointStatus(jobId: string, requestId: string): Promise<SavepointStatus> {
  const response = await request(dispatcher.url, 'GET', `/jobs/${jobId}/savepoints/${requestId}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return savepointStatusSchema.parse(response.body);
}

const completed = (jobId: string, requestId: string) =>
  until(async () => {
    const status = await savepointStatus(jobId, requestId);
    return status.status.id === 'COMPLETED' ? status : undefined;
  }, 20_000);

async function trigger(path: string, body?: unknown): Promise<string> {
  const response = await request(dispatcher.url, 'POST', path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return asyncOperationTriggerSchema.parse(response.body).requestId;
}

const sums = (details: JobDetails) => details.sinks.sums as { key: string; value: number }[];

describe('GET /jobs/:id/checkpoints and /checkpoints/config (§7 Checkpoints)', () => {
  it('a checkpointed keyed job shows completed checkpoints with their folders, its config, and ends with the exact sums', async () => {
    const storageDir = tempDir('checkpoints');
    const to = 1500;
    const jobId = await submit(
      keyedSum({
        to,
        ratePerSecond: 1000,
        sumParallelism: 2,
        config: { checkpointing: { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir } },
      }),
    );

    const running = await until(async () => {
      const stats = await checkpoints(jobId);
      return stats.counts.completed >= 2 ? stats : undefined;
    }, 20_000);
    const row = running.history.find((c) => c.status === 'COMPLETED')!;
    expect(row).toMatchObject({ savepoint: false, failureMessage: null, subtasksAcknowledged: row.subtasksTotal });
    expect(row.path).toBe(join(storageDir, `chk-${row.id}`));
    expect(row.subtasks.every((s) => s.acknowledged)).toBe(true);
    expect(running.latestRestored).toBeNull();

    const config = await request(dispatcher.url, 'GET', `/jobs/${jobId}/checkpoints/config`);
    expect(config.status).toBe(200);
    expect(checkpointConfigInfoSchema.parse(config.body)).toMatchObject({
      mode: 'EXACTLY_ONCE',
      intervalMs: 100,
      storageDir,
    });
    expect(running.config).toEqual(config.body);

    const details = await terminal(jobId);
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expect(multiset(sums(details))).toEqual(multiset(runningSums(to)));
  });

  it('a job without checkpointing has config null, /checkpoints/config answers 404 naming params.id; ids are checked', async () => {
    const jobId = await submit(keyedSum({ to: 10, sumParallelism: 1 }));
    await terminal(jobId);
    const stats = await checkpoints(jobId);
    expect(stats).toEqual({
      counts: { inProgress: 0, completed: 0, failed: 0, restored: 0 },
      latestRestored: null,
      history: [],
      config: null,
    });
    expect(problems(await request(dispatcher.url, 'GET', `/jobs/${jobId}/checkpoints/config`), 404)).toEqual([
      {
        path: 'params.id',
        message: `job "${jobId}" has no checkpointing configured (config.checkpointing is not set)`,
      },
    ]);
    for (const path of ['/checkpoints', '/checkpoints/config', '/exceptions']) {
      expect(problems(await request(dispatcher.url, 'GET', `/jobs/${UNKNOWN_JOB}${path}`), 404)).toEqual([
        { path: 'params.id', message: `no job with id "${UNKNOWN_JOB}"` },
      ]);
      expect(problems(await request(dispatcher.url, 'GET', `/jobs/nope${path}`), 400)).toEqual([
        { path: 'params.id', message: 'must be a job id: 32 lowercase hexadecimal digits' },
      ]);
    }
  });
});

describe('GET /jobs/:id/exceptions (§7 Restart strategies)', () => {
  it('a failure without a restart strategy: restarts 0 and one entry that will not restart, naming the subtask', async () => {
    const failing: JobGraph = {
      version: 1,
      name: 'failing',
      operators: [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 1 }, { value: 2 }] } },
        {
          id: 'boom',
          kind: 'map',
          parallelism: 1,
          chaining: 'HEAD',
          params: { fn: "(value) => { if (value === 2) throw new Error('two is too many'); return value; }" },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'boom' },
        { source: 'boom', target: 'out' },
      ],
    };
    const jobId = await submit(failing);
    expect((await terminal(jobId)).status).toBe('FAILED');
    const response = await request(dispatcher.url, 'GET', `/jobs/${jobId}/exceptions`);
    expect(response.status).toBe(200);
    const exceptions = jobExceptionsInfoSchema.parse(response.body);
    expect(exceptions.restarts).toBe(0);
    expect(exceptions.entries).toHaveLength(1);
    const [entry] = exceptions.entries;
    expect(entry).toMatchObject({
      vertexId: 'boom',
      subtaskIndex: 0,
      attemptNumber: 0,
      willRestart: false,
      restoreCheckpointId: null,
    });
    expect(entry?.message).toContain('two is too many');
    expect(entry?.stack).toContain('two is too many');
    expect(entry?.taskManagerId).toMatch(/^tm-\d+$/);
  });
});

describe('savepoints over REST (§7 Savepoints)', () => {
  let savepoint: string;

  it('POST /jobs/:id/savepoints answers 202 {requestId}, then COMPLETED with a folder that exists', async () => {
    const to = 4000;
    const jobId = await submit(keyedSum({ to, ratePerSecond: 500, sumParallelism: 1 }));
    await allTasksRunning(jobId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const requestId = await trigger(`/jobs/${jobId}/savepoints`, {});
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    // The barrier has to pass every task and each acknowledgement must cross IPC, yet on a quiet machine that may be done
    // by the next request: either the operation is still IN_PROGRESS with no result, or it has COMPLETED.
    const first = await savepointStatus(jobId, requestId);
    if (first.status.id === 'IN_PROGRESS') expect(first.operation).toBeNull();
    else expect(first.status.id).toBe('COMPLETED');
    const done = await completed(jobId, requestId);
    expect(done.operation).toEqual({ location: expect.any(String) as string });
    savepoint = (done.operation as { location: string }).location;
    expect(existsSync(join(savepoint, '_metadata'))).toBe(true);
    const stats = await checkpoints(jobId);
    expect(stats.history[0]).toMatchObject({ savepoint: true, status: 'COMPLETED', path: savepoint });

    // The job carries on after a savepoint (cancelJob defaults to false).
    expect((await jobDetails(jobId)).status).toBe('RUNNING');
    expect((await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`)).status).toBe(202);
    expect((await terminal(jobId)).status).toBe('CANCELED');
  });

  it('POST /jobs?savepointPath= with parallelism 2 instead of 1 resumes the running sums where the savepoint left them and FINISHES', async () => {
    const to = 4000;
    const jobId = await submit(
      keyedSum({ to, ratePerSecond: 1_000_000, sumParallelism: 2 }),
      `?savepointPath=${encodeURIComponent(savepoint)}`,
    );
    const details = await terminal(jobId);
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    const stats = await checkpoints(jobId);
    expect(stats.counts.restored).toBe(1);
    expect(stats.latestRestored).toMatchObject({ path: savepoint, savepoint: true });
    // The source resumed after the last number the savepoint covers and each key's sum from its saved value:
    // the output is exactly the tail of an uninterrupted run.
    const resumed = sums(details);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.length).toBeLessThan(to);
    expect(multiset(resumed)).toEqual(multiset(runningSums(to).slice(to - resumed.length)));
  });

  it('a savepoint that does not fit is a 400 at query.savepointPath with the reason: changed maxParallelism, a missing folder, an empty path', async () => {
    const changed = problems(
      await request(
        dispatcher.url,
        'POST',
        `/jobs?savepointPath=${encodeURIComponent(savepoint)}`,
        keyedSum({ to: 10, sumParallelism: 2, config: { maxParallelism: 64 } }),
      ),
      400,
    );
    expect(changed).toEqual([
      { path: 'query.savepointPath', message: expect.stringMatching(/maxParallelism 128, job 64/) as string },
    ]);
    expect(changed[0]?.message).toContain(savepoint);

    const missing = join(tempDir('no-savepoint'), 'nothing-here');
    const absent = problems(
      await request(
        dispatcher.url,
        'POST',
        `/jobs?savepointPath=${encodeURIComponent(missing)}`,
        keyedSum({ to: 10, sumParallelism: 1 }),
      ),
      400,
    );
    expect(absent).toEqual([
      {
        path: 'query.savepointPath',
        message: expect.stringContaining(`cannot restore from savepoint ${missing}`) as string,
      },
    ]);

    expect(
      problems(
        await request(dispatcher.url, 'POST', '/jobs?savepointPath=', keyedSum({ to: 10, sumParallelism: 1 })),
        400,
      ),
    ).toEqual([{ path: 'query.savepointPath', message: 'must be the path of a savepoint folder' }]);
    expect(
      problems(
        await request(dispatcher.url, 'POST', '/jobs?savepoint=x', keyedSum({ to: 10, sumParallelism: 1 })),
        400,
      ),
    ).toEqual([{ path: 'query.savepoint', message: 'is not a known field' }]);
    // None of them started a job.
    const jobs = (await request(dispatcher.url, 'GET', '/jobs')).body as { status: string }[];
    expect(jobs.filter((job) => !['FINISHED', 'FAILED', 'CANCELED'].includes(job.status))).toEqual([]);
  });

  it('POST /jobs/:id/stop: the savepoint completes, the job ends FINISHED, and a run from it adds exactly the rest', async () => {
    const to = 3000;
    const storageDir = tempDir('stop');
    const first = await submit(keyedSum({ to, ratePerSecond: 500, sumParallelism: 2 }));
    await allTasksRunning(first);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const target = join(storageDir, 'stopped');
    const requestId = await trigger(`/jobs/${first}/stop`, { targetDirectory: target });
    const done = await completed(first, requestId);
    expect(done.operation).toEqual({ location: target });
    expect(existsSync(join(target, '_metadata'))).toBe(true);
    const stopped = await terminal(first);
    expect(stopped.status).toBe('FINISHED');
    expect(sums(stopped).length).toBeLessThan(to);

    const second = await submit(
      keyedSum({ to, ratePerSecond: 1_000_000, sumParallelism: 1 }),
      `?savepointPath=${encodeURIComponent(target)}`,
    );
    const resumed = await terminal(second);
    expect(resumed.status, resumed.failure?.stack).toBe('FINISHED');
    // Exactly once across the stop: what the first run delivered up to its savepoint plus the second run's output.
    expect(multiset([...sums(stopped), ...sums(resumed)])).toEqual(multiset(runningSums(to)));
  });

  it('a savepoint that cannot be written completes with its failureCause and IO_EXCEPTION; the job keeps running', async () => {
    const jobId = await submit(keyedSum({ to: 100_000, ratePerSecond: 200, sumParallelism: 1 }));
    await allTasksRunning(jobId);
    // A file: no folder can be made under it.
    const file = join(tempDir('file'), 'a-file');
    writeFileSync(file, '');
    const requestId = await trigger(`/jobs/${jobId}/savepoints`, { targetDirectory: join(file, 'savepoint') });
    const done = await completed(jobId, requestId);
    expect(done.operation).toEqual({
      failureCause: expect.stringContaining(join(file, 'savepoint')) as string,
      failureReason: 'IO_EXCEPTION',
    });
    expect((await checkpoints(jobId)).counts.failed).toBeGreaterThanOrEqual(1);
    expect((await jobDetails(jobId)).status).toBe('RUNNING');
    await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`);
    await terminal(jobId);
  });

  it('errors: 409 for a job not RUNNING, 404 for unknown jobs and requests, 400 naming the bad body field or id', async () => {
    const jobId = await submit(keyedSum({ to: 10, sumParallelism: 1 }));
    await terminal(jobId);
    for (const path of ['savepoints', 'stop']) {
      expect(problems(await request(dispatcher.url, 'POST', `/jobs/${jobId}/${path}`, {}), 409)).toEqual([
        {
          path: 'params.id',
          message: `job "${jobId}" is FINISHED, not RUNNING: ${path === 'stop' ? 'stop-with-savepoint' : 'a savepoint'} needs the job running`,
        },
      ]);
      expect(problems(await request(dispatcher.url, 'POST', `/jobs/${UNKNOWN_JOB}/${path}`, {}), 404)).toEqual([
        { path: 'params.id', message: `no job with id "${UNKNOWN_JOB}"` },
      ]);
      expect(
        problems(await request(dispatcher.url, 'POST', `/jobs/${jobId}/${path}`, { targetDirectory: '' }), 400),
      ).toEqual([{ path: 'body.targetDirectory', message: expect.any(String) as string }]);
      expect(
        problems(await request(dispatcher.url, 'POST', `/jobs/${jobId}/${path}`, { target: '/tmp/x' }), 400),
      ).toEqual([{ path: 'body.target', message: 'is not a known field' }]);
    }
    expect(
      problems(await request(dispatcher.url, 'POST', `/jobs/${jobId}/savepoints`, { cancelJob: 'yes' }), 400),
    ).toEqual([{ path: 'body.cancelJob', message: expect.stringContaining('boolean') as string }]);
    // An empty POST is a request with every default (Flink's savepoint trigger takes an empty body too): here 409.
    expect((await request(dispatcher.url, 'POST', `/jobs/${jobId}/savepoints`)).status).toBe(409);

    expect(problems(await request(dispatcher.url, 'GET', `/jobs/${jobId}/savepoints/${UNKNOWN_REQUEST}`), 404)).toEqual(
      [{ path: 'params.requestId', message: `job "${jobId}" has no savepoint operation "${UNKNOWN_REQUEST}"` }],
    );
    expect(problems(await request(dispatcher.url, 'GET', `/jobs/${jobId}/savepoints/not-an-id`), 400)).toEqual([
      { path: 'params.requestId', message: 'must be a request id: 32 lowercase hexadecimal digits' },
    ]);
    expect(
      problems(await request(dispatcher.url, 'GET', `/jobs/${UNKNOWN_JOB}/savepoints/${UNKNOWN_REQUEST}`), 404),
    ).toEqual([{ path: 'params.id', message: `no job with id "${UNKNOWN_JOB}"` }]);
  });
});

describe('POST /taskmanagers/:id/kill (§7 Recovery)', () => {
  it('answers 404 naming params.id for an unknown TaskManager and 400 naming body.signal for a signal it does not send', async () => {
    const unknown = problems(
      await request(dispatcher.url, 'POST', '/taskmanagers/tm-99/kill', { signal: 'SIGKILL' }),
      404,
    );
    expect(unknown).toEqual([
      {
        path: 'params.id',
        message: expect.stringMatching(
          /^no TaskManager with id "tm-99" is registered \(registered: tm-\d+, tm-\d+\)$/,
        ) as string,
      },
    ]);
    expect(
      problems(await request(dispatcher.url, 'POST', '/taskmanagers/tm-1/kill', { signal: 'SIGTERM' }), 400),
    ).toEqual([{ path: 'body.signal', message: 'Invalid option: expected one of "SIGKILL"|"SIGSTOP"' }]);
    expect(
      problems(await request(dispatcher.url, 'POST', '/taskmanagers/tm-1/kill', { signl: 'SIGKILL' }), 400),
    ).toEqual([{ path: 'body.signl', message: 'is not a known field' }]);
    // Nothing was killed by any of them.
    const list = taskManagerInfoSchema.array().parse((await request(dispatcher.url, 'GET', '/taskmanagers')).body);
    expect(list).toHaveLength(2);
    for (const tm of list) expect(() => process.kill(tm.pid, 0)).not.toThrow();
  });

  it('SIGKILL of a TaskManager running a checkpointed job: the job restarts from a checkpoint, /exceptions shows it, and the sums are exact', async () => {
    const storageDir = tempDir('kill');
    const to = 3000;
    const jobId = await submit(
      keyedSum({
        to,
        ratePerSecond: 1000,
        sumParallelism: 2,
        config: {
          checkpointing: { intervalMs: 100, mode: 'EXACTLY_ONCE', storageDir },
          restartStrategy: { type: 'fixed-delay', attempts: 3, delayMs: 100 },
        },
      }),
    );
    await until(async () => ((await checkpoints(jobId)).counts.completed >= 1 ? true : undefined), 20_000);
    const details = await jobDetails(jobId);
    const victim = details.subtasks.find((s) => s.vertexId === 'sum' && s.state === 'RUNNING')?.taskManagerId;
    expect(victim).toMatch(/^tm-\d+$/);
    const pid = taskManagerInfoSchema
      .array()
      .parse((await request(dispatcher.url, 'GET', '/taskmanagers')).body)
      .find((tm) => tm.taskManagerId === victim)!.pid;

    const kill = await request(dispatcher.url, 'POST', `/taskmanagers/${victim}/kill`, { signal: 'SIGKILL' });
    expect(kill.status).toBe(202);
    expect(kill.body).toEqual({ taskManagerId: victim });

    const finished = await terminal(jobId);
    expect(finished.status, finished.failure?.stack).toBe('FINISHED');
    expect(multiset(sums(finished))).toEqual(multiset(runningSums(to)));

    const exceptions = jobExceptionsInfoSchema.parse(
      (await request(dispatcher.url, 'GET', `/jobs/${jobId}/exceptions`)).body,
    );
    expect(exceptions.restarts).toBeGreaterThanOrEqual(1);
    const lost = exceptions.entries.filter((e) => e.taskManagerId === victim);
    expect(lost.length).toBeGreaterThan(0);
    expect(
      lost.every((e) => e.willRestart && e.attemptNumber === 0 && e.message.includes(`TaskManager ${victim} was lost`)),
    ).toBe(true);
    expect(lost[0]?.restoreCheckpointId).toEqual(expect.any(Number));
    expect((await checkpoints(jobId)).counts.restored).toBeGreaterThanOrEqual(1);

    // The process is gone and the ResourceManager replaced it.
    expect(() => process.kill(pid, 0)).toThrow();
    const replaced = await until(async () => {
      const list = taskManagerInfoSchema.array().parse((await request(dispatcher.url, 'GET', '/taskmanagers')).body);
      return list.length === 2 && list.every((tm) => tm.taskManagerId !== victim) ? list : undefined;
    }, 10_000);
    expect(replaced).toHaveLength(2);
  });
});
