/// <reference lib="dom" />
// The functions passed to page.evaluate run in the browser page.
/**
 * Run on Apache Flink from the toolbar: the test starts a real standalone Flink session cluster (Flink's own JVMs,
 * as `pnpm flink-cluster start` does, on free ports), the user picks "Flink cluster at URL", gives its URL and runs
 * the wordcount example. The canvas shows the job RUNNING and FINISHED with Flink's record counts on the drawn
 * operators, and an edge's channels say that Flink does not report them.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { startFlinkCluster } from '../../scripts/lib/flink-cluster/cluster.mjs';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { findJdk } from '../../scripts/lib/java.mjs';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { freePort } from '../../scripts/lib/ports.mjs';
import { saveScreenshot } from './screenshot';

interface FlinkCluster {
  restUrl: string;
  stop(): Promise<number[]>;
}

const hasJdk = Boolean(findJdk());
let cluster: FlinkCluster | undefined;
let dataDir: string | undefined;

test.describe('run target: a Flink cluster at a URL', () => {
  test.skip(!hasJdk, 'no JDK 17+: the Flink cluster cannot start');

  test.beforeAll(async () => {
    // Flink's JVMs start in tens of seconds on a loaded 2-core machine.
    test.setTimeout(300_000);
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-flink-'));
    cluster = (await startFlinkCluster({ taskManagers: 2, slots: 2, port: 0, dataDir })) as FlinkCluster;
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    await cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('wordcount on Flink: RUNNING, then FINISHED with the records counted on the drawn operators', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    await page.goto('/');
    await page.getByTestId('examples').selectOption('wordcount');
    await expect(page.getByTestId('node-count')).toBeVisible();
    await page.getByTestId('run-target').selectOption('flink-url');
    await page.getByTestId('flink-url').fill(cluster!.restUrl);

    // Statuses are recorded in the page as they appear, so a short RUNNING phase is not missed between two checks.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __statuses: string[] }).__statuses = seen;
      new MutationObserver(() => {
        const status = document.querySelector('[data-testid="job-status"]')?.textContent ?? '';
        if (seen.at(-1) !== status) seen.push(status);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('run').click();
    await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 180_000 });
    const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
    expect(statuses).toContain('RUNNING');

    // Flink's exact final counts: 3 lines, 18 words, 18 running counts into the sink.
    await expect(page.getByTestId('node-records-out-lines')).toHaveText('3');
    await expect(page.getByTestId('node-records-in-tokenize')).toHaveText('3');
    await expect(page.getByTestId('node-records-out-tokenize')).toHaveText('18');
    await expect(page.getByTestId('node-records-in-count')).toHaveText('18');
    await expect(page.getByTestId('node-records-in-counts')).toHaveText('18');

    await page.getByTestId('edge-label-tokenize-count').click();
    await expect(page.getByTestId('channels-not-from-flink')).toHaveText('not available from Flink');
    await saveScreenshot(page, testInfo);
  });

  test('a Flink URL where nothing listens: the UI names the cluster and the cause', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByTestId('examples').selectOption('wordcount');
    await page.getByTestId('run-target').selectOption('flink-url');
    const down = `http://127.0.0.1:${(await freePort()) as number}`;
    await page.getByTestId('flink-url').fill(down);
    await page.getByTestId('run').click();
    await expect(page.getByText(`the Flink cluster at ${down} is not reachable (ECONNREFUSED)`)).toBeVisible();
    await saveScreenshot(page, testInfo);
  });
});
