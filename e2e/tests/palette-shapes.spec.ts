/** The palette documents each source's record shape, and handles are big enough to grab. */
import { expect, test } from '@playwright/test';

test('each source in the palette says what its records look like; handles are at least 12 px', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('record-shape-source.datagen')).toContainText('key: "key-0"');
  await expect(page.getByTestId('record-shape-source.datagen')).toContainText('value: 0–999');
  await expect(page.getByTestId('record-shape-source.sequence')).toContainText('from → to');
  await expect(page.getByTestId('record-shape-source.collection')).toContainText('elements');
  await expect(page.getByTestId('record-shape-source.file')).toContainText('ndjson');
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('record-shape-source.datagen')).toContainText('记录');
  await page.getByTestId('language').selectOption('en');

  await expect(page.getByTestId('node-lines')).toBeVisible();
  // In canvas units (before the zoom), as the stylesheet sets it: 6 px before, too small to grab.
  const size = await page
    .getByTestId('node-lines')
    .locator('.react-flow__handle.source')
    .evaluate((el: HTMLElement) => Math.min(el.offsetWidth, el.offsetHeight));
  expect(size).toBeGreaterThanOrEqual(12);
});
