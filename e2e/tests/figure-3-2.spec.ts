import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';
import { numerically, sinkRecords } from './canvas';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('runs the figure-3-2 example on 4 slots and shows its exact result', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('examples').selectOption('figure-3-2');
  await expect(page.getByTestId('node-E')).toBeVisible();

  // §2 Slot sharing: one group, largest parallelism 4 → 4 slots.
  await page.getByTestId('toggle-physical').check();
  await expect(page.getByTestId('physical-slots-required')).toHaveText('4');

  await page.getByTestId('run').click();
  // The rate-limited sources keep the job running ~3 s: the cluster panel shows the 4 slots live.
  await expect(page.getByTestId('slots-taken')).toHaveText('4', { timeout: 20_000 });
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 30_000 });
  await expect(page.getByTestId('slots-peak')).toHaveText('4');
  await expect(page.getByTestId('slots-taken')).toHaveText('0');

  // A (1..120) ×2 in B, unioned with C (1001..1060), all reach E exactly once.
  const expected = [...range(1, 120).map((n) => n * 2), ...range(1001, 1060)].sort(numerically);
  await expect(page.getByTestId('sink-record')).toHaveCount(expected.length);
  expect(((await sinkRecords(page)) as number[]).sort(numerically)).toEqual(expected);

  await saveScreenshot(page, testInfo);
});
