import { expect, type Page } from '@playwright/test';

/** Draws an edge the way a user does: press on the source node's output handle, release on the target's input handle. */
export async function connect(page: Page, sourceId: string, targetId: string): Promise<void> {
  const from = page.getByTestId(`node-${sourceId}`).locator('.react-flow__handle.source');
  const to = page.getByTestId(`node-${targetId}`).locator('.react-flow__handle.target');
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId(`edge-label-${sourceId}-${targetId}`)).toBeVisible();
}

/** The collect sink's records as shown in the results panel, parsed back from their JSON text. */
export async function sinkRecords(page: Page): Promise<unknown[]> {
  const texts = await page.getByTestId('sink-record').allTextContents();
  return texts.map((text) => JSON.parse(text) as unknown);
}

export const numerically = (a: number, b: number) => a - b;
