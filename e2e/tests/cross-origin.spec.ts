/**
 * A web page the user happens to visit, served from another origin (a second tiny HTTP server on a free port),
 * tries to submit a job and to kill a TaskManager of the Dispatcher on 127.0.0.1 (issue 11): with a JSON body
 * (the browser's CORS preflight is refused) and as simple no-cors requests (refused for their Origin). Nothing
 * changes: the job list and the TaskManager processes are as before.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { exampleById } from '@sluice/model';
import { saveScreenshot } from './screenshot';

const ATTACKER_PAGE = '<!doctype html><title>A page on the web</title><h1>Nothing to see here</h1>';

test('a page from another origin cannot submit a job or kill a TaskManager', async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  const jobsBefore = await (await request.get('/jobs')).json();
  /** Each TaskManager's id and process: a kill would replace the process. */
  const processes = async () =>
    ((await (await request.get('/taskmanagers')).json()) as { taskManagerId: string; pid: number }[]).map(
      ({ taskManagerId, pid }) => ({ taskManagerId, pid }),
    );
  const taskManagersBefore = await processes();

  const attacker: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(ATTACKER_PAGE);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = attacker.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    const refusedStatuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(baseURL!)) refusedStatuses.push(response.status());
    });

    const outcomes = await page.evaluate(
      async ({ app, jobGraph, taskManagerId }) => {
        const attempt = (path: string, init: RequestInit) =>
          fetch(`${app}${path}`, init).then(
            (response) => `answered ${response.type} ${response.status}`,
            (error: unknown) => `failed: ${error instanceof Error ? error.name : String(error)}`,
          );
        const json = { 'content-type': 'application/json' };
        return [
          await attempt('/jobs', { method: 'POST', headers: json, body: JSON.stringify(jobGraph) }),
          await attempt(`/taskmanagers/${taskManagerId}/kill`, { method: 'POST', headers: json, body: '{}' }),
          // Simple requests need no preflight: the browser sends them, and the Dispatcher refuses their Origin.
          await attempt('/jobs', { method: 'POST', mode: 'no-cors', body: JSON.stringify(jobGraph) }),
          await attempt(`/taskmanagers/${taskManagerId}/kill`, { method: 'POST', mode: 'no-cors' }),
        ];
      },
      {
        app: baseURL!,
        jobGraph: exampleById('wordcount')!.jobGraph,
        taskManagerId: taskManagersBefore[0]!.taskManagerId,
      },
    );

    // The JSON requests never leave the browser (their preflight is refused); the simple ones get an opaque answer.
    expect(outcomes).toEqual(['failed: TypeError', 'failed: TypeError', 'answered opaque 0', 'answered opaque 0']);
    // What the Dispatcher answered each request that reached it: 403 Forbidden, for the foreign Origin.
    expect(refusedStatuses.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refusedStatuses)).toEqual(new Set([403]));
    expect(await (await request.get('/jobs')).json()).toEqual(jobsBefore);
    expect(await processes()).toEqual(taskManagersBefore);
    await saveScreenshot(page, testInfo);
  } finally {
    await new Promise((resolve) => attacker.close(resolve));
  }
});
