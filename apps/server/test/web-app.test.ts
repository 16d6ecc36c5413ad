/** The Dispatcher serves the built web app next to the API, with an SPA fallback and a clear page when unbuilt. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { problemDetailsSchema } from '@sluice/protocol';
import type { Dispatcher } from '../src/server.js';
import { WEB_NOT_BUILT_MESSAGE } from '../src/web/web-app.js';
import { startDispatcher, tempDir } from './harness.js';

const started: Dispatcher[] = [];
afterAll(() => Promise.all(started.map((dispatcher) => dispatcher.close())));

async function serve(webRoot: string): Promise<string> {
  const dispatcher = await startDispatcher({ webRoot, cluster: { taskManagers: 1, slotsPerTaskManager: 1 } });
  started.push(dispatcher);
  return dispatcher.url;
}

describe('the built web app', () => {
  it('is served at / and for client-side routes; API paths and missing assets stay JSON 404s', async () => {
    const root = tempDir('web');
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Sluice</title>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app")');
    const url = await serve(root);

    for (const path of ['/', '/jobs-view/abc', '/editor']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>Sluice</title>');
    }
    const asset = await fetch(`${url}/assets/app.js`);
    expect(await asset.text()).toBe('console.log("app")');

    const missingAsset = await fetch(`${url}/assets/gone.js`);
    expect(missingAsset.status).toBe(404);
    expect(problemDetailsSchema.parse(await missingAsset.json()).status).toBe(404);
    const unknownApi = await fetch(`${url}/taskmanagers/tm-1/logs`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
  });

  it('when not built, answers every page with a 503 that says how to build it', async () => {
    const url = await serve(tempDir('unbuilt'));
    for (const path of ['/', '/editor']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(503);
      expect(await response.text()).toBe(WEB_NOT_BUILT_MESSAGE);
    }
    // The API is unaffected.
    expect((await fetch(`${url}/jobs`)).status).toBe(200);
  });
});
