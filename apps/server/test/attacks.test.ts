/**
 * The attacks of issue 11 that crashed or stalled the Dispatcher, re-run against dist/server.js started with
 * --unhandled-rejections=strict: each is answered with a documented status, the process stays up, its
 * TaskManagers stay registered and a job that was already running keeps running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { jobSubmitResponseSchema, taskManagerInfoSchema, type JobDetails } from '@sluice/protocol';
import { request, tempDir, until } from './harness.js';

const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

let server: ChildProcess;
let url: string;
let exitCode: number | null | undefined;
let stderr = '';
beforeAll(async () => {
  server = spawn(
    process.execPath,
    ['--unhandled-rejections=strict', SERVER, '--port', '0', '--data-root', tempDir('attacks')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  server.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  server.once('exit', (code) => (exitCode = code));
  url = await until(() => /Sluice is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]);
});
afterAll(async () => {
  if (exitCode !== undefined) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
});

const sequenceInto = (operators: JobGraph['operators'], edges: JobGraph['edges']): JobGraph => ({
  version: 1,
  name: 'attack',
  operators,
  edges,
});

/** source → map → … → sink, `length` operators in all. */
function chain(length: number): JobGraph {
  return sequenceInto(
    Array.from({ length }, (_, i) =>
      i === 0
        ? { id: 'o0', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 2 } }
        : i === length - 1
          ? { id: `o${i}`, kind: 'sink.discard', parallelism: 1 }
          : { id: `o${i}`, kind: 'map', parallelism: 1, params: { fn: 'v => v' } },
    ),
    Array.from({ length: length - 1 }, (_, i) => ({ source: `o${i}`, target: `o${i + 1}` })),
  );
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { v: value };
  return value;
}

const paths = (body: unknown) => (body as { problems: { path: string }[] }).problems.map((p) => p.path);

describe('the Dispatcher under attack (--unhandled-rejections=strict)', () => {
  let runningJob: string;

  it('runs a job before the attacks', async () => {
    const endless = sequenceInto(
      [
        { id: 'numbers', kind: 'source.sequence', parallelism: 1, params: { from: 1, ratePerSecond: 20 } },
        { id: 'drop', kind: 'sink.discard', parallelism: 1 },
      ],
      [{ source: 'numbers', target: 'drop' }],
    );
    const submitted = await request(url, 'POST', '/jobs', endless);
    expect(submitted.status).toBe(201);
    runningJob = jobSubmitResponseSchema.parse(submitted.body).jobId;
    await until(async () => {
      const details = (await request(url, 'GET', `/jobs/${runningJob}`)).body as JobDetails;
      return details.status === 'RUNNING' ? true : undefined;
    });
  });

  it('refuses a source.collection value nested 4,000 deep with 400 (it killed the process)', async () => {
    const deep = sequenceInto(
      [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: nested(4_000) }] } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      [{ source: 'src', target: 'out' }],
    );
    const response = await request(url, 'POST', '/jobs', deep);
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual([`$.operators[0].params.elements[0].value${'.v'.repeat(58)}`]);
  });

  it('refuses parallelism 32,768 on /plan with 400 (it blocked the event loop 77 s)', async () => {
    const wide = chain(2);
    wide.operators[1]!.parallelism = 32_768;
    wide.edges[0]!.partitioner = 'rebalance';
    const response = await request(url, 'POST', '/plan', wide);
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['$.operators']);
  });

  it('answers /validate with 30,000 edges at once, naming $.edges (it stalled 11.5 s)', async () => {
    const graph = { ...chain(2), edges: Array.from({ length: 30_000 }, () => ({ source: 'o0', target: 'o1' })) };
    const response = await request(url, 'POST', '/validate', graph);
    expect(response.status).toBe(200);
    expect(paths(response.body)).toEqual(['$.edges']);
  });

  it('refuses a 5,000-operator chain with 400 (it was a 500, Maximum call stack size exceeded)', async () => {
    const response = await request(url, 'POST', '/jobs', chain(5_000));
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['$.operators']);
  });

  it('refuses ratePerSecond 1e-300 (it logged 95,000 overflow warnings)', async () => {
    const slow = chain(2);
    slow.operators[0]!.params = { from: 1, ratePerSecond: 1e-300 };
    const response = await request(url, 'POST', '/jobs', slow);
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['$.operators[0].params.ratePerSecond']);
  });

  it('contains a user function returning a value nested 200,000 deep to its own job', async () => {
    const deepOutput = sequenceInto(
      [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 1 }] } },
        {
          id: 'deepen',
          kind: 'map',
          parallelism: 1,
          params: { fn: '(v) => { let x = v; for (let i = 0; i < 200000; i++) x = [x]; return x; }' },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      [
        { source: 'src', target: 'deepen' },
        { source: 'deepen', target: 'out' },
      ],
    );
    const { jobId } = jobSubmitResponseSchema.parse((await request(url, 'POST', '/jobs', deepOutput)).body);
    const ended = await until(async () => {
      const details = (await request(url, 'GET', `/jobs/${jobId}`)).body as JobDetails;
      return ['FINISHED', 'FAILED', 'CANCELED'].includes(details.status) ? details : undefined;
    });
    // The task's own send of the value fails, and with it the task and the job; nothing else.
    expect(ended.status).toBe('FAILED');
    expect(ended.failure).toMatchObject({
      cause: { kind: 'task-exception' },
      message: 'Maximum call stack size exceeded',
    });
  });

  it('is still up afterwards: both TaskManagers registered, the earlier job RUNNING, nothing on stderr', async () => {
    expect(exitCode).toBeUndefined();
    const taskManagers = taskManagerInfoSchema.array().parse((await request(url, 'GET', '/taskmanagers')).body);
    expect(taskManagers.map((tm) => tm.taskManagerId).sort()).toEqual(['tm-1', 'tm-2']);
    expect(((await request(url, 'GET', `/jobs/${runningJob}`)).body as JobDetails).status).toBe('RUNNING');
    expect(stderr).toBe('');
  });
});
