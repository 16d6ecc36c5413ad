import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';
import { enterStepModeOnExample, windowOperators } from './step-stepper';

test('a watermark breakpoint on the window stops where its watermark passes 9, then Run plays the job to its end', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await enterStepModeOnExample(page);
  const { windowId } = windowOperators();

  await page.getByTestId('breakpoint-window-fired').uncheck();
  await page.getByTestId('breakpoint-operator').selectOption(windowId);
  await page.getByTestId('breakpoint-value').fill('9');
  await page.getByTestId('breakpoint-add').click();
  await expect(page.getByTestId(`breakpoint-${windowId}-9`)).toBeVisible();

  // §8 Ex 1: 12@12 raises the watermark to 9, which fires [5,10) = 2 + 4 in the same step (§5 Timers).
  await page.getByTestId('step-run-to-breakpoint').click();
  await expect(page.getByTestId('step-stopped')).toHaveAttribute('data-reason', 'breakpoint');
  await expect(page.getByTestId(`step-watermark-${windowId}-0`)).toHaveText('9');
  await expect(page.getByTestId('step-fired')).toHaveCount(2);
  await expect(page.getByTestId('step-fired-value')).toHaveText(['4', '6']);

  // Run plays a few steps per frame; the watermark is past 9 already, so nothing stops it before the end.
  await page.getByTestId('step-play').click();
  await expect(page.getByTestId('step-status')).toHaveText('FINISHED', { timeout: 30_000 });
  await expect(page.getByTestId('step-stopped')).toHaveAttribute('data-reason', 'ended');
  await expect(page.getByTestId('step-play')).toBeDisabled();
  await expect(page.getByTestId(`step-watermark-${windowId}-0`)).toHaveText('+∞');
  await expect(page.getByTestId('step-fired-value')).toHaveText(['4', '6', '15', '8', '10']);
  // The two late readings (v=5 at 4 ms, v=7 at 2 ms) reached the late side output unchanged.
  await expect(page.getByTestId('step-sink-late').getByTestId('step-sink-record')).toHaveText([
    '{"sensor":"s1","v":5}',
    '{"sensor":"s1","v":7}',
  ]);
  await saveScreenshot(page, testInfo);
});
