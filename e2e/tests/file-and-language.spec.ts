import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { exampleById } from '@sluice/model';
import { saveScreenshot } from './screenshot';

test('saves the JobGraph as JSON, loads an edited file, and shows its problems on the offending edge', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('examples').selectOption('figure-3-2');
  await expect(page.getByTestId('node-E')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByTestId('save').click();
  const saved = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(saved).toEqual(exampleById('figure-3-2')!.jobGraph);

  // A hash edge without its key selector: valid JSON, an invalid JobGraph (§3 Partitioners: hash needs a key).
  saved.operators.find((op: { id: string }) => op.id === 'D').parallelism = 3;
  saved.edges[3] = { source: 'D', target: 'E', partitioner: 'hash' };
  await page
    .getByTestId('load-file')
    .setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved)) });
  await expect(page.getByTestId('load-notice')).toContainText('edited.json');
  await expect(page.getByTestId('node-parallelism-D')).toHaveText('×3');
  await expect(page.getByTestId('edge-problems-3')).toContainText('key');
  await expect(page.getByTestId('problems-count')).toHaveText('1');
  await expect(page.getByTestId('run')).toBeDisabled();

  await page.getByTestId('edge-label-D-E').click();
  await page.getByTestId('inspector-key').fill('x => x % 2');
  await expect(page.getByTestId('problems-count')).toHaveText('0');
  await expect(page.getByTestId('run')).toBeEnabled();

  await saveScreenshot(page, testInfo);
});

test('switches the whole UI to Chinese and back', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('run')).toHaveText('运行');
  await expect(page.locator('.palette .panel-title')).toHaveText('算子');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await saveScreenshot(page, testInfo);
  await page.reload(); // the choice is remembered
  await expect(page.getByTestId('run')).toHaveText('运行');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('run')).toHaveText('Run');
});
