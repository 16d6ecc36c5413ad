/** keyBy from the palette: it asks for the key and makes the next edge a hash edge (§3 Partitioners). */
import { expect, test } from '@playwright/test';

test('keyBy then click-to-add builds datagen → hash(r => r.key) → sum', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('new-job').click();
  await page.getByTestId('palette-source.datagen').click();
  await page.getByTestId('palette-keyBy').click();
  await expect(page.getByTestId('palette-keyBy-key')).toBeFocused();
  await page.getByTestId('palette-keyBy-key').fill('r => r.key');
  await page.getByTestId('palette-sum').click();
  const label = page.getByTestId('edge-label-datagen-1-sum-1');
  await expect(label).toContainText('hash');
  await expect(label).toContainText('r => r.key');
  // Used once: the keyBy form closes and the next edge is a plain one again.
  await expect(page.getByTestId('palette-keyBy-key')).toHaveCount(0);
  await page.getByTestId('palette-sink.collect').click();
  await expect(page.getByTestId('edge-label-sum-1-collect-1')).not.toContainText('hash');
  await expect(page.getByTestId('problems-count')).toHaveText('0');
});
