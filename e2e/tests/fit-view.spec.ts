/** The canvas shows the whole graph when the app opens and each time another example is loaded. */
import { expect, test, type Page } from '@playwright/test';

/** How many nodes lie (at least partly) outside the canvas's visible box. */
async function nodesOutside(page: Page): Promise<number> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const boxes = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().toJSON() as DOMRect));
  return boxes.filter(
    (b) =>
      b.x < canvas.x ||
      b.y < canvas.y ||
      b.x + b.width > canvas.x + canvas.width ||
      b.y + b.height > canvas.y + canvas.height,
  ).length;
}

test('fits the graph to the view on load and on every example change', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-lines')).toBeVisible();
  await expect.poll(() => nodesOutside(page)).toBe(0);

  // Zoomed far in, most of any graph is off screen: the next example must not inherit that viewport.
  const zoomIn = page.locator('.react-flow__controls-zoomin');
  for (let i = 0; i < 6 && (await zoomIn.isEnabled()); i += 1) await zoomIn.click();
  await expect.poll(() => nodesOutside(page)).toBeGreaterThan(0);

  await page.getByTestId('examples').selectOption('slow-source-holds-watermark');
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  await expect.poll(() => nodesOutside(page)).toBe(0);
});
