import { expect, test } from '@playwright/test';
import { serveStatic, WEB_DIST, type StaticServer } from './step-static-server';

/**
 * Issue 11, confined user code in the browser: the step worker evaluates user functions in SES compartments, so a
 * function sees none of the worker's globals (self, postMessage, fetch, importScripts), however it asks.
 */
let host: StaticServer;

test.beforeAll(async () => {
  host = await serveStatic(WEB_DIST, '/sluice/');
});
test.afterAll(async () => {
  await host.close();
});

const PROBE =
  '() => [typeof self, typeof postMessage, typeof fetch, typeof importScripts, typeof process, ' +
  'Function("return typeof self")()].join(" ")';

test('a user function in the browser step worker sees none of the worker’s globals', async ({ page }) => {
  const job = {
    version: 1,
    name: 'probe',
    operators: [
      { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 0 }] } },
      { id: 'probe', kind: 'map', parallelism: 1, params: { fn: PROBE } },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'probe' },
      { source: 'probe', target: 'out' },
    ],
  };
  await page.goto(host.url);
  await page
    .getByTestId('load-file')
    .setInputFiles({ name: 'probe.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(job)) });
  await expect(page.getByTestId('node-probe')).toBeVisible();
  await page.getByTestId('step-mode').check();
  await expect(page.getByTestId('step-once')).toBeEnabled();
  await page.getByTestId('step-run-to-breakpoint').click();
  await expect(page.getByTestId('step-sink-out').getByTestId('step-sink-record')).toContainText(
    'undefined undefined undefined undefined undefined undefined',
  );
});
