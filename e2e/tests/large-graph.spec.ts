/**
 * A large graph on the canvas while its job runs: from 100 operators on only the nodes in view are in the DOM, and
 * below zoom 0.5 (level of detail) a node keeps its name and its status as a colour but leaves its live figures out;
 * zoomed in again, they are back.
 */
import { expect, test, type Page } from '@playwright/test';
import type { JobGraph } from '@sluice/model';
import { saveScreenshot } from './screenshot';

const MAPS = 118;
const COLUMNS = 12;

/** source → 118 maps → sink, all forward at parallelism 1: one chain, one slot; the source runs for minutes. */
function longChain(): JobGraph {
  const ids = ['numbers', ...Array.from({ length: MAPS }, (_, i) => `m${i}`), 'out'];
  return {
    version: 1,
    name: 'long chain',
    operators: ids.map((id, i) => ({
      id,
      kind: i === 0 ? 'source.sequence' : i === ids.length - 1 ? 'sink.discard' : 'map',
      parallelism: 1,
      ...(i === 0
        ? { params: { from: 1, to: 1_000_000, ratePerSecond: 2000 } }
        : i === ids.length - 1
          ? {}
          : { params: { fn: 'v => v' } }),
      position: { x: (i % COLUMNS) * 260, y: Math.floor(i / COLUMNS) * 180 },
    })),
    edges: ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id, partitioner: 'forward' as const })),
  };
}

const zoom = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

test('120 operators: only the nodes in view are drawn, and zoomed out below 0.5 they leave their live figures out', async ({
  page,
}, testInfo) => {
  const graph = longChain();
  await page.goto('/');
  await page.getByTestId('load-file').setInputFiles({
    name: 'long-chain.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(graph)),
  });
  await expect(page.getByTestId('load-notice')).toContainText('long-chain.json');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING', { timeout: 30_000 });

  const nodes = page.locator('.react-flow__node');
  const statuses = page.locator('[data-testid^="node-status-"]');
  /** Each node in the DOM shows its live status, and only part of the graph is in the DOM. */
  const expectDetailedInView = async () => {
    await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.5);
    await expect.poll(() => nodes.count()).toBeLessThan(graph.operators.length);
    expect(await nodes.count()).toBeGreaterThan(0);
    await expect.poll(async () => (await statuses.count()) === (await nodes.count())).toBe(true);
    await expect(statuses.first()).toHaveText('RUNNING');
  };

  /** Zoomed out below 0.5 the figures go, and every node drawn keeps its status as a colour. */
  const expectFittedOverview = async () => {
    await expect.poll(() => zoom(page)).toBeLessThan(0.5);
    await expect(statuses).toHaveCount(0);
    await expect
      .poll(async () => (await page.locator('.op-node--running').count()) === (await nodes.count()))
      .toBe(true);
    expect(await nodes.count()).toBeGreaterThan(graph.operators.length / 2);
  };

  // Loading fits the whole graph into the view.
  await expectFittedOverview();
  await saveScreenshot(page, testInfo);

  // Zoomed in, only the nodes in view are drawn, with their figures.
  const zoomIn = page.locator('.react-flow__controls-zoomin');
  for (let clicks = 0; clicks < 12 && (await zoom(page)) < 0.8; clicks += 1) await zoomIn.click();
  await expectDetailedInView();

  // Fit view again: the overview is back.
  await page.locator('.react-flow__controls-fitview').click();
  await expectFittedOverview();

  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('job-status')).toHaveText('CANCELED', { timeout: 30_000 });
});
