/**
 * The data root (issue 11, point 3): jobs the Dispatcher runs read and write files only inside it (or a folder
 * given with --allow-path). Each refusal names the field and reads the same whether the path outside exists.
 */
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { jobSubmitResponseSchema, type JobDetails } from '@sluice/protocol';
import type { Dispatcher } from '../src/server.js';
import { request, startDispatcher, tempDir, until } from './harness.js';

let dispatcher: Dispatcher;
let root: string;
let allowed: string;
beforeAll(async () => {
  root = join(tempDir('paths'), 'data');
  allowed = tempDir('allowed');
  dispatcher = await startDispatcher({
    cluster: { taskManagers: 1, slotsPerTaskManager: 2 },
    dataRoot: root,
    allowedPaths: [allowed],
  });
});
afterAll(() => dispatcher.close());

const refusal = (given: string) =>
  `${JSON.stringify(given)} is not inside this server's data root ${root} or a folder given with --allow-path; use a path relative to the data root`;

const fileToFile = (source: string, sink: string, storageDir?: string): JobGraph => ({
  version: 1,
  name: 'copy',
  ...(storageDir !== undefined && {
    config: { checkpointing: { intervalMs: 1000, mode: 'EXACTLY_ONCE', storageDir } },
  }),
  operators: [
    { id: 'in', kind: 'source.file', parallelism: 1, params: { path: source, format: 'text' } },
    { id: 'out', kind: 'sink.file', parallelism: 1, params: { path: sink, format: 'ndjson', exactlyOnce: false } },
  ],
  edges: [{ source: 'in', target: 'out' }],
});

const problemsOf = (body: unknown) => (body as { problems: unknown[] }).problems;

async function finished(jobId: string): Promise<JobDetails> {
  return until(async () => {
    const details = (await request(dispatcher.url, 'GET', `/jobs/${jobId}`)).body as JobDetails;
    return ['FINISHED', 'FAILED', 'CANCELED'].includes(details.status) ? details : undefined;
  });
}

describe('the data root', () => {
  it('is created at start', () => {
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses /etc/shadow as a source and /etc as a sink and as checkpoint storage, naming each field', async () => {
    const response = await request(dispatcher.url, 'POST', '/jobs', fileToFile('/etc/shadow', '/etc', '/etc'));
    expect(response.status).toBe(400);
    expect(problemsOf(response.body)).toEqual([
      { path: '$.operators[0].params.path', message: refusal('/etc/shadow') },
      { path: '$.operators[1].params.path', message: refusal('/etc') },
      { path: '$.config.checkpointing.storageDir', message: refusal('/etc') },
    ]);
  });

  it('refuses ../ and a symbolic link leading out of the root the same way', async () => {
    mkdirSync(join(root, 'inside'), { recursive: true });
    symlinkSync('/etc', join(root, 'inside', 'etc-link'));
    symlinkSync('/nowhere/at/all', join(root, 'dangling'));
    const escapes = ['../../etc/passwd', 'inside/etc-link/passwd', 'dangling/file'];
    for (const path of escapes) {
      const response = await request(dispatcher.url, 'POST', '/jobs', fileToFile(path, 'out'));
      expect(problemsOf(response.body)).toEqual([{ path: '$.operators[0].params.path', message: refusal(path) }]);
    }
  });

  it('runs a job whose relative paths resolve inside the root, and one reading an --allow-path folder', async () => {
    writeFileSync(join(root, 'words.txt'), 'to be\nor not\n');
    writeFileSync(join(allowed, 'more.txt'), 'that is\n');
    for (const [source, sink] of [
      ['words.txt', 'copied'],
      [join(allowed, 'more.txt'), 'copied-more'],
    ] as const) {
      const response = await request(dispatcher.url, 'POST', '/jobs', fileToFile(source, sink));
      expect(response.status).toBe(201);
      expect((await finished(jobSubmitResponseSchema.parse(response.body).jobId)).status).toBe('FINISHED');
    }
    const lines = (folder: string) =>
      readdirSync(join(root, folder))
        .filter((name) => name.startsWith('part-'))
        .flatMap((name) =>
          readFileSync(join(root, folder, name), 'utf8')
            .split('\n')
            .filter(Boolean),
        );
    expect(lines('copied')).toEqual(['"to be"', '"or not"']);
    expect(lines('copied-more')).toEqual(['"that is"']);
  });

  it('refuses a savepoint path outside the root with one message, whether it exists or has no _metadata', async () => {
    for (const path of ['/etc', '/no/such/folder', '/tmp']) {
      const response = await request(
        dispatcher.url,
        'POST',
        `/jobs?savepointPath=${encodeURIComponent(path)}`,
        fileToFile('words.txt', 'again'),
      );
      expect(problemsOf(response.body)).toEqual([{ path: 'query.savepointPath', message: refusal(path) }]);
    }
  });

  it('refuses /etc as a savepoint target of a running job, for a savepoint and for stop', async () => {
    const endless: JobGraph = {
      version: 1,
      name: 'endless',
      operators: [
        { id: 'numbers', kind: 'source.sequence', parallelism: 1, params: { from: 1, ratePerSecond: 10 } },
        { id: 'drop', kind: 'sink.discard', parallelism: 1 },
      ],
      edges: [{ source: 'numbers', target: 'drop' }],
    };
    const { jobId } = jobSubmitResponseSchema.parse((await request(dispatcher.url, 'POST', '/jobs', endless)).body);
    for (const route of ['savepoints', 'stop']) {
      const response = await request(dispatcher.url, 'POST', `/jobs/${jobId}/${route}`, { targetDirectory: '/etc' });
      expect(response.status).toBe(400);
      expect(problemsOf(response.body)).toEqual([{ path: 'body.targetDirectory', message: refusal('/etc') }]);
    }
    expect((await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`)).status).toBe(202);
    await finished(jobId);
  });
});
