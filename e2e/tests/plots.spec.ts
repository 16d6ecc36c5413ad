/** The live plots: drawn by uPlot from the runtime events of a real run (Flink's numRecordsOutPerSecond and buffer usage). */
import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';

test('the plots draw throughput per operator and buffer usage per TaskManager from a real run, and follow the language', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByTestId('examples').selectOption('key-skew');
  await page.getByTestId('toggle-plots').check();
  const plots = page.getByTestId('plots-panel');
  await expect(plots).toBeVisible();
  for (const id of ['plot-throughput', 'plot-watermark-lag', 'plot-checkpoints', 'plot-buffers']) {
    await expect(page.getByTestId(id).locator('canvas')).toHaveCount(1);
  }

  await page.getByTestId('run').click();
  // Two metrics reports give the first rate; TaskManagers report their buffers a few times a second.
  await expect
    .poll(async () => Number(await page.getByTestId('plot-throughput').getAttribute('data-points')), {
      timeout: 20_000,
    })
    .toBeGreaterThan(1);
  await expect
    .poll(async () => Number(await page.getByTestId('plot-buffers').getAttribute('data-points')), { timeout: 20_000 })
    .toBeGreaterThan(1);
  // One series per JobVertex, named as the plan names it.
  await expect(page.getByTestId('plot-throughput').locator('.u-legend')).toContainText('Sum per key');
  await expect(page.getByTestId('plot-buffers').locator('.u-legend')).toContainText('TaskManager tm-1');
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 30_000 });
  await saveScreenshot(page, testInfo);

  // The plot width follows its panel: narrowing the window narrows the chart.
  const wide = (await page.getByTestId('plot-throughput').locator('canvas').boundingBox())!.width;
  await page.setViewportSize({ width: 1100, height: 900 });
  await expect
    .poll(async () => (await page.getByTestId('plot-throughput').locator('canvas').boundingBox())!.width)
    .toBeLessThan(wide);

  await page.getByTestId('language').selectOption('zh');
  await expect(plots).toContainText('各算子吞吐量');
  // Remembered across a reload.
  await page.reload();
  await expect(page.getByTestId('plots-panel')).toBeVisible();
});
