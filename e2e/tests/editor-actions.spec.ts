import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './screenshot';

/** Every action of the registry (apps/web/src/actions/registry.ts) has a row in the shortcut help. */
const ACTION_COUNT = 28;

async function quickAdd(page: Page, kind: string): Promise<void> {
  await page.keyboard.press('a');
  await expect(page.getByTestId('quick-add-input')).toBeFocused();
  await page.keyboard.type(kind);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-add')).toHaveCount(0);
}

/**
 * The keyboard path (documented in apps/web/TESTIDS.md): Ctrl+A, Delete empties the canvas; A opens "add operator",
 * typing a kind and Enter adds it right of the selected operator and connects it; + and − step the selected
 * operator's parallelism; Ctrl+Z / Shift+Ctrl+Z undo and redo; Ctrl+Enter runs; ? lists every shortcut.
 */
test('builds and runs source.sequence ×2 → map → sink.collect with the keyboard only', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('node-lines')).toBeVisible();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await quickAdd(page, 'sequence');
  await expect(page.getByTestId('node-sequence-1')).toBeVisible();
  await page.keyboard.press('+');
  await expect(page.getByTestId('node-parallelism-sequence-1')).toHaveText('×2');
  await quickAdd(page, 'map');
  await quickAdd(page, 'collect');
  await expect(page.getByTestId('edge-sequence-1-map-1')).toBeAttached();
  await expect(page.getByTestId('edge-map-1-collect-1')).toBeAttached();
  // 2 → 1 gets Flink's default rebalance, 1 → 1 forward (§3 Partitioners).
  await expect(page.getByTestId('edge-label-sequence-1-map-1')).toContainText('rebalance');
  await expect(page.getByTestId('edge-label-map-1-collect-1')).toContainText('forward');

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-collect-1')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('node-collect-1')).toBeVisible();
  await expect(page.getByTestId('problems-count')).toHaveText('0');

  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('job-status')).toHaveText('FINISHED', { timeout: 30_000 });
  await expect(page.getByTestId('sink-record')).toHaveCount(10);

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toBeVisible();
  await expect(page.locator('[data-testid^="shortcut-help-"]:not([data-testid="shortcut-help-close"])')).toHaveCount(
    ACTION_COUNT,
  );
  await expect(page.getByTestId('shortcut-help-undo')).toContainText('Ctrl+Z');
  await saveScreenshot(page, testInfo);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
});

test('copies two operators with their edge, pastes them under new ids, undoes and redoes the paste and a drag', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('node-tokenize').click();
  await page.getByTestId('node-count').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.getByTestId('node-flatMap-1')).toBeVisible();
  await expect(page.getByTestId('node-sum-1')).toBeVisible();
  await expect(page.getByTestId('edge-label-flatMap-1-sum-1')).toContainText('hash');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);

  await page.getByTestId('action-undo').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.getByTestId('action-redo').click();
  await expect(page.getByTestId('node-sum-1')).toBeVisible();

  // Paste again from the canvas's context menu: one offset further, new ids again.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  // Top right: clear of the nodes, of the zoom controls at the bottom left and of the minimap at the bottom right.
  await page.mouse.click(canvas.x + canvas.width - 60, canvas.y + 40, { button: 'right' });
  await expect(page.getByTestId('context-menu')).toBeVisible();
  await expect(page.getByTestId('context-menu-connect')).toBeDisabled();
  await page.getByTestId('context-menu-paste').click();
  await expect(page.getByTestId('node-sum-2')).toBeVisible();

  // A drag is one undo step, however many frames it takes.
  const node = page.getByTestId('node-counts');
  const before = (await node.boundingBox())!;
  await page.mouse.move(before.x + 20, before.y + 10);
  await page.mouse.down();
  await page.mouse.move(before.x + 80, before.y + 90, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await node.boundingBox())!.y).toBeGreaterThan(before.y + 40);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await node.boundingBox())!.y)).toBe(Math.round(before.y));
  await expect(page.getByTestId('node-sum-2')).toBeVisible();
  await saveScreenshot(page, testInfo);
});

test('autosaves to local storage, and a copied link opens the same graph in a fresh browser', async ({
  page,
  browser,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('job-name').fill('shared wordcount');
  await page.getByTestId('node-counts').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-counts')).toHaveCount(0);
  await page.waitForTimeout(500); // autosave waits for a pause in editing
  await page.reload();
  await expect(page.getByTestId('job-name')).toHaveValue('shared wordcount');
  await expect(page.getByTestId('node-counts')).toHaveCount(0);

  await page.getByTestId('action-copy-link').click();
  await expect(page.getByTestId('action-notice')).toBeVisible();
  await expect(page).toHaveURL(/#graph=[A-Za-z0-9_-]+$/);
  const link = page.url();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('job-name')).toHaveValue('shared wordcount');
  await expect(other.getByTestId('node-count')).toBeVisible();
  await expect(other.getByTestId('node-counts')).toHaveCount(0);
  // The link is opened once and leaves the address bar, so a reload shows the edits made since.
  await expect(other).not.toHaveURL(/#graph=/);
  await saveScreenshot(other, testInfo);
  await fresh.close();
});

test('the shortcut help and the action bar speak Chinese', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('action-undo')).toHaveText('撤销');
  await page.locator('body').click({ position: { x: 5, y: 5 } }); // leave the language <select>, whose keys are its own
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('键盘快捷键');
  await expect(page.getByTestId('shortcut-help-paste')).toContainText('粘贴');
  await expect(page.getByTestId('shortcut-help-import-flink')).toContainText('导入 Flink 执行计划');
  await saveScreenshot(page, testInfo);
  await page.getByTestId('shortcut-help-close').click();
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
});
