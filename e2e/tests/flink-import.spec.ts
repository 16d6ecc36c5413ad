import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';

const PLANS = '/work/shared/examples/flink-plans';

test('imports Flink getExecutionPlan JSON: operators with Flink names, parallelism, ship strategies', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('import-flink-file').setInputFiles(`${PLANS}/chinw_flink_wordcount_streamgraph.json`);
  await expect(page.getByTestId('import-notice')).toContainText('chinw_flink_wordcount_streamgraph.json');
  await expect(page.getByTestId('import-message')).toHaveCount(5);
  for (const id of ['source-custom-source', 'flat-map', 'keyed-aggregation', 'sink-unnamed'])
    await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('node-source-custom-source')).toContainText('Source: Custom Source');
  await expect(page.getByTestId('node-parallelism-flat-map')).toHaveText('×8');
  await expect(page.getByTestId('edge-label-source-custom-source-flat-map')).toContainText('rebalance');
  await expect(page.getByTestId('edge-label-flat-map-keyed-aggregation')).toContainText('hash');
  await expect(page.getByTestId('node-problems-source-custom-source')).toContainText('cannot run');
  await expect(page.getByTestId('problems-count')).toHaveText('1');
  await saveScreenshot(page, testInfo);
});

test('imports a Flink REST JobGraph plan, taking each chain apart', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('import-flink-file').setInputFiles(`${PLANS}/flink_test_statementset_jobgraph_plan.json`);
  await expect(page.locator('.react-flow__node')).toHaveCount(12);
  await expect(page.getByTestId('job-name')).toHaveValue('Flink Exec Table Job');
  for (const id of [
    'source-custom-file-source',
    'csvtablesource',
    'map',
    'sink-csvtablesink',
    'map-2',
    'sink-csvtablesink-2',
  ])
    await expect(page.getByTestId(`node-${id}`)).toBeVisible();
  await expect(page.getByTestId('edge-label-map-sink-csvtablesink')).toContainText('forward');
  await saveScreenshot(page, testInfo);
});

test('a file that is not a Flink plan says what is wrong and where, and the canvas keeps its graph', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  const plan = JSON.parse(readFileSync(`${PLANS}/chinw_flink_wordcount_streamgraph.json`, 'utf8')) as {
    nodes: { parallelism: unknown }[];
  };
  plan.nodes[1]!.parallelism = 'eight';
  await page.getByTestId('import-flink-file').setInputFiles({
    name: 'broken-plan.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(plan)),
  });
  await expect(page.getByTestId('import-notice')).toContainText('broken-plan.json');
  await expect(page.getByTestId('import-message')).toHaveText(
    '$.nodes[1].parallelism must be a number, not the string "eight"',
  );
  await expect(page.getByTestId('node-lines')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await saveScreenshot(page, testInfo);
});
