import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';
import { enterStepModeOnExample, runToFirstFiringAndCheck, windowOperators } from './step-stepper';

test('steps the out-of-order example to its first window firing, then back and forward again', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await enterStepModeOnExample(page);
  const { windowId, upstreamId } = windowOperators();

  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await expect(page.getByTestId('step-log-entry')).toHaveCount(1);

  await runToFirstFiringAndCheck(page);
  const firedAt = Number(await page.getByTestId('step-count').textContent());
  // The watermark that fired the window just came out of the channel from upstream into the window task.
  await expect(page.getByTestId('step-chip-taken')).toHaveAttribute('data-kind', 'watermark');
  await expect(page.getByTestId(`step-subtask-${windowId}-0`)).toHaveClass(/step-subtask--moved/);
  await saveScreenshot(page, testInfo);

  // Step back replays to the step before: the window has not fired, its watermark is the one before 5 (2),
  // and the watermark 5 is still in flight on the edge into it.
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(firedAt - 1));
  await expect(page.getByTestId('step-fired')).toHaveCount(0);
  await expect(page.getByTestId(`step-watermark-${windowId}-0`)).toHaveText('2');
  await expect(
    page
      .getByTestId(`step-edge-${upstreamId}-${windowId}`)
      .locator('[data-kind="watermark"]')
      .filter({ hasText: /^WM 5$/ }),
  ).toBeVisible();

  // And forward again: the same step fires the same window.
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(firedAt));
  await expect(page.getByTestId('step-fired-value')).toHaveText('4');
});
