/// <reference lib="dom" />
// The functions passed to page.evaluate and page.waitForFunction run in the browser page.
import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './screenshot';

/**
 * The example's job lasts a few seconds, so what the canvas shows while it runs is recorded in the page
 * as it happens (on every DOM change), and checked once the job has ended: no assertion races the job's end.
 */
async function recordWhileRunning(
  page: Page,
  conditions: Record<string, string>,
): Promise<() => Promise<Record<string, boolean>>> {
  await page.evaluate((selectors) => {
    const seen: Record<string, boolean> = Object.fromEntries(Object.keys(selectors).map((name) => [name, false]));
    (window as unknown as { __seen: Record<string, boolean> }).__seen = seen;
    const check = () => {
      for (const [name, selector] of Object.entries(selectors)) if (document.querySelector(selector)) seen[name] = true;
    };
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  }, conditions);
  return () => page.evaluate(() => (window as unknown as { __seen: Record<string, boolean> }).__seen);
}

test('the slow-sink example: the upstream operator turns HIGH and the credit into the sink reaches 0', async ({
  page,
}, testInfo) => {
  // A real job of about ten seconds on a cluster that shares two cores with the browser.
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByTestId('examples').selectOption('backpressure-slow-sink');
  await expect(page.getByTestId('node-slow-sink')).toBeVisible();

  // The example's sink takes 2 ms per record (about 5 s for the job); 4 ms, set as a workshop would in the
  // inspector, keeps the job running long enough on a loaded machine for the screenshot to catch it live.
  await page.getByTestId('node-slow-sink').click();
  await expect(page.getByTestId('inspector-slowdown')).toHaveValue('2');
  await page.getByTestId('inspector-slowdown').fill('4');

  // Open the sink's input edge: its channels appear in the inspector as soon as the job reports.
  await page.getByTestId('edge-label-enrich-slow-sink').click();
  await expect(page.getByTestId('inspector-edge')).toBeVisible();
  const seen = await recordWhileRunning(page, {
    mapHigh: '[data-testid="node-backpressure-enrich"][data-level="HIGH"]',
    sinkCreditZero: '[data-testid="channels-enrich-slow-sink"] tr[data-credit="0"]',
    sinkBusyNotBackpressured: '[data-testid="node-backpressure-slow-sink"][data-level="OK"]',
  });
  await page.getByTestId('run').click();

  // §4 Credit-based flow control: the slow sink grants no credit while its buffers are full, the map's
  // output pool fills, and the map is backpressured more than half of each second (HIGH, [BP]), at once.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="node-backpressure-enrich"][data-level="HIGH"]') !== null &&
      document.querySelector('[data-testid="channels-enrich-slow-sink"] tr[data-credit="0"]') !== null,
    null,
    { timeout: 20_000, polling: 'raf' },
  );
  await saveScreenshot(page, testInfo);

  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 30_000 });
  expect(await seen()).toEqual({ mapHigh: true, sinkCreditZero: true, sinkBusyNotBackpressured: true });
  // Two map subtasks feed the one sink subtask: one channel row per pair.
  await expect(page.locator('[data-testid="channels-enrich-slow-sink"] tr[data-credit]')).toHaveCount(2);
  // Backpressure slows the sources down; it loses nothing.
  await expect(page.getByTestId('sink-count-slow-sink')).toHaveText('2500 records');
});
