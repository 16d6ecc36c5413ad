/** Auto-layout with ELK (in a worker): the nodes move, none overlaps another, and one undo puts them back. */
import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './screenshot';

type Box = { id: string; x: number; y: number; width: number; height: number };

async function nodeBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

/** Positions in flow coordinates, as the canvas stores them (the transform React Flow writes). */
async function nodePositions(page: Page): Promise<Record<string, string>> {
  const entries = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-id') ?? '', (n as HTMLElement).style.transform]));
  return Object.fromEntries(entries);
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('auto-layout moves the nodes apart without overlap, and undo restores the exact positions', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('examples').selectOption('slow-source-holds-watermark');
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  const before = await nodePositions(page);

  await page.getByTestId('action-auto-layout').click();
  await expect
    .poll(async () => JSON.stringify(await nodePositions(page)), { timeout: 15_000 })
    .not.toBe(JSON.stringify(before));
  const laidOut = await nodePositions(page);
  const boxes = await nodeBoxes(page);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1)
      expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} overlaps ${boxes[j]!.id}`).toBe(false);
  }
  // Layered left to right: every source is left of the window it feeds.
  const x = Object.fromEntries(boxes.map((b) => [b.id, b.x]));
  expect(x.fast!).toBeLessThan(x.window!);
  expect(x.slow!).toBeLessThan(x.window!);
  await saveScreenshot(page, testInfo);

  await page.getByTestId('action-undo').click();
  await expect.poll(async () => JSON.stringify(await nodePositions(page))).toBe(JSON.stringify(before));
  await page.getByTestId('action-redo').click();
  await expect.poll(async () => JSON.stringify(await nodePositions(page))).toBe(JSON.stringify(laidOut));
});
