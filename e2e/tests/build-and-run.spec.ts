import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';
import { numerically, sinkRecords } from './canvas';

test('builds source.sequence → map ×2 (parallelism 2) → sink.collect from an empty canvas and runs it', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  // The app opens on the wordcount example; start from an empty canvas.
  await expect(page.getByTestId('node-lines')).toBeVisible();
  await page.getByTestId('new-job').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await page.getByTestId('palette-source.sequence').click();
  await expect(page.getByTestId('inspector-id')).toHaveValue('sequence-1');
  await page.getByTestId('inspector-param-from').fill('1');
  await page.getByTestId('inspector-param-to').fill('10');

  await page.getByTestId('palette-map').click();
  await expect(page.getByTestId('inspector-id')).toHaveValue('map-1');
  await page.getByTestId('inspector-fn').fill('x => x * 2');
  await page.getByTestId('inspector-parallelism').fill('2');
  await expect(page.getByTestId('node-parallelism-map-1')).toHaveText('×2');

  await page.getByTestId('palette-sink.collect').click();
  await expect(page.getByTestId('inspector-id')).toHaveValue('collect-1');

  // Click-to-add connected each new operator from the selected one, the one added before it.
  await expect(page.getByTestId('edge-label-sequence-1-map-1')).toBeVisible();
  await expect(page.getByTestId('edge-label-map-1-collect-1')).toBeVisible();
  // Unequal parallelism (1 → 2 → 1): Flink's default partitioner is rebalance (§3 Partitioners).
  await expect(page.getByTestId('edge-label-sequence-1-map-1')).toContainText('rebalance');
  await expect(page.getByTestId('problems-count')).toHaveText('0');

  await page.getByTestId('run').click();
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 30_000 });
  await expect(page.getByTestId('sink-record')).toHaveCount(10);
  const records = (await sinkRecords(page)) as number[];
  expect(records.sort(numerically)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  await expect(page.getByTestId('node-status-map-1')).toHaveText('FINISHED 2/2');
  await expect(page.getByTestId('node-records-in-map-1')).toHaveText('10');
  await expect(page.getByTestId('node-records-out-map-1')).toHaveText('10');

  await saveScreenshot(page, testInfo);
});
