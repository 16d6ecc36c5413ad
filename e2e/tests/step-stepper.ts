/**
 * Shared by the step specs: load the out-of-order example, switch to Step mode, run to the first window
 * firing, and check what §8 Ex 1 says the canvas must show then.
 */
import { expect, type Page } from '@playwright/test';
import { exampleById } from '@sluice/model';

export const EXAMPLE_ID = 'out-of-order-tumbling';

/** The example's window operator and the operator feeding it, by kind, so the spec follows the example's ids. */
export function windowOperators(): { windowId: string; upstreamId: string } {
  const example = exampleById(EXAMPLE_ID);
  if (!example) throw new Error(`no built-in example ${EXAMPLE_ID}`);
  const window = example.jobGraph.operators.find((op) => op.kind === 'window');
  const input = example.jobGraph.edges.find((e) => e.target === window?.id);
  if (!window || !input) throw new Error(`${EXAMPLE_ID} has no window operator with an input`);
  return { windowId: window.id, upstreamId: input.source };
}

export async function enterStepModeOnExample(page: Page): Promise<void> {
  await page.getByTestId('examples').selectOption(EXAMPLE_ID);
  await page.getByTestId('step-mode').check();
  await expect(page.getByTestId('step-controls')).toBeVisible();
  await expect(page.getByTestId('step-count')).toHaveText('0');
  // The worker answered the load: the controls are enabled.
  await expect(page.getByTestId('step-once')).toBeEnabled();
}

/**
 * §8 Ex 1: the watermark 5 (after 8@8, WM = maxTs − 3) reaches the window operator and fires [0,5) = 4
 * (1 + 3; 4@4 comes later and is late). At that moment [5,10) holds 2 + 4 = 6.
 */
export async function runToFirstFiringAndCheck(page: Page): Promise<void> {
  const { windowId } = windowOperators();
  await expect(page.getByTestId('breakpoint-window-fired')).toBeChecked();
  await page.getByTestId('step-run-to-breakpoint').click();
  await expect(page.getByTestId('step-stopped')).toHaveAttribute('data-reason', 'breakpoint');

  const fired = page.getByTestId('step-fired');
  await expect(fired).toHaveCount(1);
  await expect(fired).toHaveAttribute('data-start', '0');
  await expect(fired).toHaveAttribute('data-end', '5');
  await expect(fired.getByTestId('step-fired-value')).toHaveText('4');

  await expect(page.getByTestId(`step-watermark-${windowId}-0`)).toHaveText('5');
  await expect(page.getByTestId(`step-input-watermark-${windowId}-0-0`)).toContainText(': 5');
  const open = page.getByTestId(`step-window-${windowId}`).and(page.locator('[data-start="5"]'));
  await expect(open).toContainText('= 6');
}
