/**
 * Recovery on the real cluster (§7 Checkpoints, Recovery): the `recovery` example checkpoints every 500 ms; once a
 * checkpoint completed, a TaskManager that runs a task is killed from the Cluster panel. The job restarts from the
 * latest completed checkpoint on a replacement TaskManager and still finishes with the exact running sums.
 */
import { expect, test, type Page } from '@playwright/test';
import { exampleById } from '@sluice/model';
import { saveScreenshot } from './screenshot';
import { sinkRecords } from './canvas';

const sorted = (records: unknown[]) => records.map((r) => JSON.stringify(r)).sort();

interface BarrierSighting {
  edge: string;
  checkpoint: number;
  position: number;
}

/**
 * Records every barrier marker the canvas draws, as the DOM changes (not sampled at frames: a checkpoint of this
 * job takes a few milliseconds, and its barriers are on the canvas only between acknowledgements).
 */
async function watchBarriers(page: Page): Promise<() => Promise<BarrierSighting[]>> {
  await page.evaluate(() => {
    const seen: BarrierSighting[] = [];
    (window as unknown as { sluiceBarriers: BarrierSighting[] }).sluiceBarriers = seen;
    const record = () => {
      for (const el of Array.from(document.querySelectorAll("[data-testid^='edge-barrier-'][data-position]"))) {
        const sighting = {
          edge: el.getAttribute('data-testid')!,
          checkpoint: Number(el.getAttribute('data-checkpoint')),
          position: Number(el.getAttribute('data-position')),
        };
        const last = seen.findLast((s) => s.edge === sighting.edge);
        if (!last || last.checkpoint !== sighting.checkpoint || last.position !== sighting.position)
          seen.push(sighting);
      }
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-position'],
    });
  });
  return () => page.evaluate(() => (window as unknown as { sluiceBarriers: BarrierSighting[] }).sluiceBarriers);
}

const taskManagerIds = async (page: Page) =>
  (
    await page
      .locator('[data-testid^="taskmanager-"][data-lost]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!))
  ).map((id) => id.replace(/^taskmanager-/, ''));

test('a killed TaskManager: the job restarts from the latest checkpoint on a replacement and finishes with the exact sums', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const example = exampleById('recovery')!;
  await page.goto('/');
  await page.getByTestId('examples').selectOption('recovery');
  await expect(page.getByTestId('node-sum')).toBeVisible();
  const barriers = await watchBarriers(page);

  await page.getByTestId('run').click();
  await expect(page.getByTestId('job-status')).toHaveText('RUNNING', { timeout: 30_000 });
  const completed = page.locator('[data-testid^="checkpoint-"][data-status="COMPLETED"]');
  await expect(completed.first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('checkpoints-config-interval')).toHaveText('500 ms');
  await expect(page.getByTestId('node-checkpoint-sum')).toHaveAttribute('data-acknowledged', /[12]/);

  // The barriers crossed the network edges towards their consumers, moved by the acknowledgements.
  const sightings = await barriers();
  expect(sightings.some((s) => s.edge === 'edge-barrier-key-by-remainder-sum' && s.position >= 0.5)).toBe(true);
  for (const edge of new Set(sightings.map((s) => s.edge))) {
    const ofEdge = sightings.filter((s) => s.edge === edge);
    for (let i = 1; i < ofEdge.length; i += 1)
      if (ofEdge[i]!.checkpoint === ofEdge[i - 1]!.checkpoint)
        expect(ofEdge[i]!.position).toBeGreaterThan(ofEdge[i - 1]!.position);
  }

  // A TaskManager that runs a subtask of the job now.
  const taken = page.locator('[data-testid^="slot-"][data-subtasks]:not([data-subtasks="0"])').first();
  const slotId = (await taken.getAttribute('data-testid'))!;
  const victim = slotId.replace(/^slot-/, '').replace(/-\d+$/, '');
  const before = await taskManagerIds(page);
  expect(before).toContain(victim);
  await page.getByTestId(`taskmanager-kill-${victim}`).click();
  // RESTARTING lasts about the restart delay (500 ms): the job's status timeline keeps it.
  const timeline = page.getByTestId('job-status-timeline').locator('li');
  await expect(timeline.filter({ hasText: 'RESTARTING' })).toHaveCount(1, { timeout: 30_000 });

  await expect(page.getByTestId(`taskmanager-lost-${victim}`)).toBeVisible();
  await expect(page.getByTestId(`taskmanager-${victim}`)).toHaveAttribute('data-lost', 'true');
  await expect(page.locator(`[data-testid^="slot-${victim}-"]:not([data-subtasks="0"])`)).toHaveCount(0);

  const exception = page.getByTestId('exception').first();
  await expect(exception).toBeVisible();
  await expect(exception).toHaveAttribute('data-will-restart', 'true');
  // The failure names the TaskManager it came from, and its cause: a lost process, which has no stack.
  await expect(exception).toContainText(victim);
  await expect(exception).toHaveAttribute('data-cause', 'taskmanager-lost');
  await expect(exception.getByTestId('exception-cause')).toHaveText(`TaskManager ${victim} lost: its process exited`);
  await expect(exception.getByTestId('exception-stack')).toHaveCount(0);
  await expect(page.getByTestId('exceptions-restarts')).toHaveText('1');
  const restoredFrom = await exception.getAttribute('data-restore-checkpoint');
  expect(restoredFrom).toMatch(/^\d+$/);

  // The ResourceManager's replacement registers and the restarted job's subtasks get slots again.
  await expect
    .poll(async () => (await taskManagerIds(page)).filter((id) => !before.includes(id)), { timeout: 30_000 })
    .toHaveLength(1);
  const [replacement] = (await taskManagerIds(page)).filter((id) => !before.includes(id));
  await expect(page.getByTestId(`taskmanager-${replacement}`)).toHaveAttribute('data-lost', 'false');

  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 60_000 });
  // Restarted once; it may wait for the replacement's slots before it runs again.
  const statuses = (await timeline.evaluateAll((items) => items.map((li) => li.getAttribute('data-status')))).filter(
    (s) => s !== 'WAITING_FOR_RESOURCES',
  );
  expect(statuses).toEqual(['CREATED', 'RUNNING', 'RESTARTING', 'RUNNING', 'FINISHED']);
  // The job recovered: its failure is in the exception history, not the job's outcome in the results panel.
  await expect(page.getByTestId('job-failure')).toHaveCount(0);
  await expect(page.getByTestId('checkpoints-latest-restored')).toHaveAttribute('data-checkpoint', restoredFrom!);
  await expect(page.getByTestId('checkpoints-restored')).toHaveText('1');
  const expected = example.expectedSinkRecords.sums!;
  await expect(page.getByTestId('sink-count-sums')).toHaveText(`${expected.length} records`);
  expect(sorted(await sinkRecords(page))).toEqual(sorted(expected));

  // A completed checkpoint's row opens to what each subtask acknowledged.
  await completed.last().click();
  const id = (await completed.last().getAttribute('data-testid'))!.replace(/^checkpoint-/, '');
  await expect(page.getByTestId(`checkpoint-subtasks-${id}`).locator('[data-acknowledged="true"]')).not.toHaveCount(0);
  await saveScreenshot(page, testInfo);
});
