import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';

test('drags an operator from the palette onto the canvas where it is dropped, then deletes it', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('new-job').click();
  const canvas = page.getByTestId('canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('palette-filter').dragTo(canvas, { targetPosition: { x: box.width / 2, y: box.height / 2 } });
  const node = page.getByTestId('node-filter-1');
  await expect(node).toBeVisible();
  const at = (await node.boundingBox())!;
  // The node's top-left lands 80 flow units left of the pointer; the view's zoom stays within 0.5..1.1 here.
  expect(Math.abs(at.x - (box.x + box.width / 2 - 80))).toBeLessThan(40);
  await expect(page.getByTestId('inspector-id')).toHaveValue('filter-1');
  await saveScreenshot(page, testInfo);
  await page.getByTestId('inspector-delete').click();
  await expect(node).toHaveCount(0);
});
