/**
 * Workshop mode: every lesson of the gallery opens its example with the explanation beside the canvas, runs on
 * the real cluster to its described outcome, and ticks the steps whose checks the run satisfies.
 */
import { expect, test, type Page } from '@playwright/test';
import { exampleById } from '@sluice/model';
import { saveScreenshot } from './screenshot';
import { sinkRecords } from './canvas';

const sorted = (records: unknown[]) => records.map((r) => JSON.stringify(r)).sort();

async function openLesson(page: Page, exampleId: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('workshop-open').click();
  await expect(page.getByTestId('workshop-gallery')).toBeVisible();
  await page.getByTestId(`lesson-${exampleId}`).click();
  await expect(page.getByTestId('workshop-gallery')).toHaveCount(0);
  await expect(page.getByTestId('workshop-explanation')).toHaveText(exampleById(exampleId)!.description.en);
}

/** Runs the open example to FINISHED and checks every sink against the example's expected records. */
async function runToExpectedRecords(page: Page, exampleId: string): Promise<void> {
  const example = exampleById(exampleId)!;
  await page.getByTestId('run').click();
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 60_000 });
  const expected = Object.values(example.expectedSinkRecords);
  for (const [sink, records] of Object.entries(example.expectedSinkRecords)) {
    await expect(page.getByTestId(`sink-count-${sink}`)).toHaveText(`${records.length} records`);
  }
  // The results panel lists up to 500 records per sink: compare them all where all are listed.
  if (expected.every((records) => records.length <= 500))
    expect(sorted(await sinkRecords(page))).toEqual(sorted(expected.flat()));
}

const stepDone = (page: Page, i: number) =>
  expect(page.getByTestId(`workshop-step-${i}`)).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
const stepOpen = (page: Page, i: number) =>
  expect(page.getByTestId(`workshop-step-${i}`)).toHaveAttribute('data-done', 'false');

test.describe('workshop lessons', () => {
  test.describe.configure({ timeout: 120_000 });

  test('components and slots (figure 3-2): 4 slots, then D at parallelism 2 still needs 4 (§2 Slot sharing)', async ({
    page,
  }, testInfo) => {
    await openLesson(page, 'figure-3-2');
    // The first step points at the Cluster panel.
    await expect(page.getByTestId('cluster-panel')).toHaveCSS('outline-style', 'solid');
    await stepOpen(page, 0);
    await runToExpectedRecords(page, 'figure-3-2');
    await expect(page.getByTestId('slots-peak')).toHaveText('4');
    await stepDone(page, 0);
    await page.getByTestId('node-D').click();
    await page.getByTestId('inspector-parallelism').fill('2');
    await page.getByTestId('inspector-parallelism').press('Enter');
    await stepDone(page, 1);
    await page.getByTestId('toggle-physical').check();
    await expect(page.getByTestId('physical-slots-required')).toHaveText('4');
    await saveScreenshot(page, testInfo);
  });

  test('task chaining: one vertex for four operators; a rebalance edge breaks the chain (§1 Operator chaining)', async ({
    page,
  }, testInfo) => {
    await openLesson(page, 'task-chaining');
    await page.getByTestId('toggle-physical').check();
    await expect(page.locator('[data-testid^="subtask-numbers-"]')).toHaveCount(2);
    await runToExpectedRecords(page, 'task-chaining');
    await stepDone(page, 0);
    await page.getByTestId('edge-label-square-even').click();
    await page.getByTestId('inspector-partitioner').selectOption('rebalance');
    await stepDone(page, 1);
    await expect(page.locator('[data-testid^="subtask-even-"]')).toHaveCount(2);
    await saveScreenshot(page, testInfo);
  });

  test('backpressure: the map before the slow sink turns HIGH (§4 Credit-based flow control)', async ({
    page,
  }, testInfo) => {
    await openLesson(page, 'backpressure-slow-sink');
    await expect(page.locator('.react-flow__node[data-id="enrich"]')).toHaveCSS('outline-style', 'solid');
    await runToExpectedRecords(page, 'backpressure-slow-sink');
    await stepDone(page, 0);
    await saveScreenshot(page, testInfo);
  });

  test("data skew: the hot key's subtask receives most of the records (§3 Partitioners, hash)", async ({
    page,
  }, testInfo) => {
    await openLesson(page, 'key-skew');
    await runToExpectedRecords(page, 'key-skew');
    await stepDone(page, 0);
    await stepOpen(page, 1);
    await saveScreenshot(page, testInfo);
  });

  test('watermarks and out-of-order events: two readings come late (§8 Ex 1)', async ({ page }, testInfo) => {
    await openLesson(page, 'out-of-order-tumbling');
    await runToExpectedRecords(page, 'out-of-order-tumbling');
    await expect(page.getByTestId('sink-count-late')).toHaveText('2 records');
    await stepDone(page, 0);
    await saveScreenshot(page, testInfo);
  });

  test('an idle source holds the window back until idleness is set (§5 Watermarks)', async ({ page }, testInfo) => {
    await openLesson(page, 'idle-partition');
    await runToExpectedRecords(page, 'idle-partition');
    await stepDone(page, 0);
    await page.getByTestId('node-watermarks').click();
    await page.getByTestId('inspector-param-idlenessMs').fill('500');
    await page.getByTestId('inspector-param-idlenessMs').press('Enter');
    await stepDone(page, 1);
    await saveScreenshot(page, testInfo);
  });

  test('keyed state and checkpoints: the running sums per key are exact with checkpointing on (§7 Checkpoints)', async ({
    page,
  }, testInfo) => {
    await openLesson(page, 'keyed-state-checkpoints');
    await runToExpectedRecords(page, 'keyed-state-checkpoints');
    await stepDone(page, 0);
    await saveScreenshot(page, testInfo);
  });

  test('recovery: the job with checkpointing and a restart strategy runs to its exact sums (§7 Recovery)', async ({
    page,
  }, testInfo) => {
    await openLesson(page, 'recovery');
    await runToExpectedRecords(page, 'recovery');
    await stepDone(page, 0);
    await stepDone(page, 2);
    await saveScreenshot(page, testInfo);
  });

  test('savepoints and rescaling: the job runs to its sums; rescaling the sum ticks its step (§7 Savepoints)', async ({
    page,
  }, testInfo) => {
    await openLesson(page, 'savepoint-rescaling');
    await runToExpectedRecords(page, 'savepoint-rescaling');
    await stepDone(page, 0);
    await page.getByTestId('node-sum').click();
    await page.getByTestId('inspector-parallelism').fill('3');
    await page.getByTestId('inspector-parallelism').press('Enter');
    await stepDone(page, 2);
    await saveScreenshot(page, testInfo);
  });
});

test('the gallery speaks Chinese and the presenter view toggles, remembered across a reload', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('language').selectOption('zh');
  await page.getByTestId('workshop-open').click();
  await expect(page.getByTestId('lesson-figure-3-2')).toContainText('四个组件与任务槽');
  await page.getByTestId('lesson-figure-3-2').click();
  await expect(page.getByTestId('workshop-explanation')).toHaveText(exampleById('figure-3-2')!.description.zh);

  const app = page.locator('.app');
  await expect(app).not.toHaveClass(/app--presenter/);
  const explanationSize = async () =>
    Number.parseFloat(await page.getByTestId('workshop-explanation').evaluate((e) => getComputedStyle(e).fontSize));
  const before = await explanationSize();
  await page.getByTestId('toggle-presenter').check();
  await expect(app).toHaveClass(/app--presenter/);
  expect(await explanationSize()).toBeGreaterThan(before * 1.4);
  await saveScreenshot(page, testInfo);

  await page.reload();
  await expect(page.locator('.app')).toHaveClass(/app--presenter/);
  await expect(page.getByTestId('toggle-presenter')).toBeChecked();
  await page.getByTestId('toggle-presenter').uncheck();
  await page.reload();
  await expect(page.locator('.app')).not.toHaveClass(/app--presenter/);
});
