/**
 * Savepoints and rescaling on the real cluster (§7 Savepoints): the `savepoint-rescaling` lesson runs its keyed running
 * sum at parallelism 2, Stop with savepoint writes a savepoint and the job FINISHES, the keyed sum is set to 3 in the
 * inspector and Resume from savepoint starts the canvas's graph from it. The key groups are split over three subtasks
 * and the sums continue: the first run's output and the resumed run's together are exactly the uninterrupted run's.
 */
import { expect, test, type Page, type Response } from '@playwright/test';
import { exampleById } from '@sluice/model';
import { saveScreenshot } from './screenshot';

interface SumRecord {
  key: string;
  value: number;
}

const sorted = (records: unknown[]) => records.map((r) => JSON.stringify(r)).sort();

/** The last (largest) running sum of every key. */
function finalSums(records: SumRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { key, value } of records) out[key] = Math.max(out[key] ?? 0, value);
  return out;
}

const isSubmission = (response: Response) =>
  response.request().method() === 'POST' && new URL(response.url()).pathname === '/jobs';

/** The job's complete sink output from the Dispatcher (the results panel lists at most 500 records per sink). */
async function sinkOutput(page: Page, jobId: string): Promise<SumRecord[]> {
  const details = (await (await page.request.get(`/jobs/${jobId}`)).json()) as { sinks: Record<string, SumRecord[]> };
  return details.sinks.sums ?? [];
}

const stepDone = (page: Page, i: number) =>
  expect(page.getByTestId(`workshop-step-${i}`)).toHaveAttribute('data-done', 'true', { timeout: 30_000 });

test('stop with savepoint, rescale the keyed sum 2 → 3, resume: the job finishes with the exact final sums', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const example = exampleById('savepoint-rescaling')!;
  const expected = example.expectedSinkRecords.sums as SumRecord[];

  await page.goto('/');
  await page.getByTestId('workshop-open').click();
  await page.getByTestId('lesson-savepoint-rescaling').click();
  await expect(page.getByTestId('node-sum')).toBeVisible();

  const firstSubmission = page.waitForResponse(isSubmission);
  await page.getByTestId('run').click();
  const firstJob = ((await (await firstSubmission).json()) as { jobId: string }).jobId;
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING', { timeout: 30_000 });
  await stepDone(page, 0);
  // The lesson points at Stop with savepoint; a checkpoint first, so the job is well under way.
  await expect(page.getByTestId('savepoint-stop')).toHaveCSS('outline-style', 'solid');
  await expect(page.locator('[data-testid^="checkpoint-"][data-status="COMPLETED"]').first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId('savepoint-resume')).toHaveCount(0);

  // The progress shows while the status route says IN_PROGRESS, then the location.
  const inProgress = page.waitForFunction(
    () =>
      ['requesting', 'in-progress'].includes(
        document.querySelector('[data-testid="savepoint-status"]')?.getAttribute('data-phase') ?? '',
      ),
    null,
    { polling: 'raf', timeout: 10_000 },
  );
  await page.getByTestId('savepoint-stop').click();
  await inProgress;
  await expect(page.getByTestId('savepoint-status')).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 30_000 });
  const location = await page.getByTestId('savepoint-location').inputValue();
  expect(location).toMatch(/savepoint/);
  await stepDone(page, 1);
  // The savepoint is a row of the history, marked as one.
  const savepointRow = page
    .locator('[data-testid="checkpoints-history"] tr[data-status="COMPLETED"]')
    .filter({ hasText: 'yes' });
  await expect(savepointRow).toHaveCount(1);

  // The first run stopped at the savepoint: only a prefix of the numbers reached the sink.
  const before = await sinkOutput(page, firstJob);
  expect(before.length).toBeGreaterThan(0);
  expect(before.length).toBeLessThan(expected.length);

  // Rescale the keyed sum in the inspector.
  await page.getByTestId('node-sum').click();
  await page.getByTestId('inspector-parallelism').fill('3');
  await page.getByTestId('inspector-parallelism').press('Enter');
  await expect(page.getByTestId('node-parallelism-sum')).toHaveText('×3');
  await stepDone(page, 2);

  // A savepoint the Dispatcher refuses: its reason shows by the button, and nothing is lost.
  await page.route('**/jobs?savepointPath=*', (route) =>
    route.continue({
      url: route
        .request()
        .url()
        .replace(/savepointPath=[^&]*/, 'savepointPath=%2Fno%2Fsuch%2Fsavepoint'),
    }),
  );
  await page.getByTestId('savepoint-resume').click();
  await expect(page.getByTestId('savepoint-resume-problem')).toContainText('query.savepointPath');
  await expect(page.getByTestId('savepoint-resume-problem')).toContainText('/no/such/savepoint');
  await expect(page.getByTestId('savepoint-location')).toHaveValue(location);
  await expect(page.getByTestId('node-parallelism-sum')).toHaveText('×3');
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED');
  await page.unroute('**/jobs?savepointPath=*');

  // Resume the canvas's graph (the sum at 3) from the savepoint.
  const resumed = page.waitForResponse(isSubmission);
  await page.getByTestId('savepoint-resume').click();
  const resumedResponse = await resumed;
  expect(new URL(resumedResponse.url()).searchParams.get('savepointPath')).toBe(location);
  const secondJob = ((await resumedResponse.json()) as { jobId: string }).jobId;
  await expect(page.getByTestId('savepoint-resume-problem')).toHaveCount(0);
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 60_000 });
  await expect(page.getByTestId('checkpoints-latest-restored')).toContainText('savepoint');
  await expect(page.getByTestId('checkpoints-latest-restored')).toContainText(location);
  await stepDone(page, 3);

  const after = await sinkOutput(page, secondJob);
  await expect(page.getByTestId('sink-count-sums')).toHaveText(`${after.length} records`);
  // The sums continued from the savepoint: each key's final sum is the uninterrupted run's...
  expect(finalSums(after)).toEqual(finalSums(expected));
  // ...and exactly once: the first run up to the savepoint and the resumed run are together the uninterrupted run.
  expect(sorted([...before, ...after])).toEqual(sorted(expected));
  await saveScreenshot(page, testInfo);
});

test('trigger savepoint: the job keeps running, the savepoint is a row of the history and its folder shows', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByTestId('examples').selectOption('savepoint-rescaling');
  await expect(page.getByTestId('node-sum')).toBeVisible();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING', { timeout: 30_000 });
  await page.getByTestId('savepoint-trigger').click();
  await expect(page.getByTestId('savepoint-status')).toHaveAttribute('data-phase', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('savepoint-location')).toHaveValue(/savepoint/);
  await expect(
    page.locator('[data-testid="checkpoints-history"] tr[data-status="COMPLETED"]').filter({ hasText: 'yes' }),
  ).toHaveCount(1);
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING');
  // Resuming needs the job ended first.
  await expect(page.getByTestId('savepoint-resume')).toBeDisabled();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('job-status')).toHaveText('CANCELED', { timeout: 30_000 });
  await expect(page.getByTestId('savepoint-resume')).toBeEnabled();
});
