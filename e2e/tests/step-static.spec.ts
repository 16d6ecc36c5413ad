import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';
import { serveStatic, WEB_DIST, type StaticServer } from './step-static-server';
import { enterStepModeOnExample, runToFirstFiringAndCheck } from './step-stepper';

let host: StaticServer;

// The built app in a folder of a plain static host: no Dispatcher answers at this origin (no REST, no socket.io).
test.beforeAll(async () => {
  host = await serveStatic(WEB_DIST, '/workshop/sluice/');
});
test.afterAll(async () => {
  await host.close();
});

test('the static build steps the out-of-order example in the browser with no server, and Run says the server is missing', async ({
  page,
}, testInfo) => {
  await page.goto(host.url);
  await page.getByTestId('examples').selectOption('out-of-order-tumbling');

  await page.getByTestId('run').click();
  await expect(page.getByTestId('server-unreachable')).toBeVisible();
  await expect(page.getByTestId('server-unreachable')).toContainText('POST /jobs: HTTP 404');

  await enterStepModeOnExample(page);
  await runToFirstFiringAndCheck(page);
  await saveScreenshot(page, testInfo);
});
