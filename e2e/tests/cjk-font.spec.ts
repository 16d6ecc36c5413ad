/** Chinese renders on a machine without a CJK font: the app ships Noto Sans SC (from @fontsource) and uses it. */
import { expect, test } from '@playwright/test';

test('the bundled Noto Sans SC face serves the Chinese labels', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('language').selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // document.fonts.load resolves with the faces that cover the text; none when the app declares no such face.
  const loaded = await page.evaluate(async () => {
    const faces = await document.fonts.load('16px "Noto Sans SC"', '运行作业');
    return faces.map((face) => ({ family: face.family.replaceAll('"', ''), status: face.status }));
  });
  expect(loaded).toEqual([{ family: 'Noto Sans SC', status: 'loaded' }]);
  const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(family).toContain('Noto Sans SC');
  await page.getByTestId('language').selectOption('en');
});
