import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';

test('a user function that throws fails its task, and the results panel shows its error and stack', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('new-job').click();
  await page.getByTestId('palette-source.sequence').click();
  await page.getByTestId('palette-map').click();
  await page.getByTestId('inspector-fn').fill("x => { if (x === 3) throw new Error('bad record 3'); return x; }");
  await page.getByTestId('palette-sink.collect').click();
  // Click-to-add connected each new operator from the selected one, the one added before it.
  await expect(page.getByTestId('edge-label-sequence-1-map-1')).toBeVisible();
  await expect(page.getByTestId('edge-label-map-1-collect-1')).toBeVisible();

  await page.getByTestId('run').click();
  await expect(page.getByTestId('job-status')).toHaveText('FAILED', { timeout: 40_000 });
  await expect(page.getByTestId('job-failure-cause')).toHaveAttribute('data-cause', 'user-code-exception');
  await expect(page.getByTestId('job-failure-cause')).toHaveText('Exception in the user code of map-1');
  await expect(page.getByTestId('job-failure-message')).toContainText('bad record 3');
  await expect(page.getByTestId('job-failure-stack')).toContainText('Error: bad record 3');
  await expect(page.getByTestId('node-status-map-1')).toHaveText('FAILED');

  await saveScreenshot(page, testInfo);
});
