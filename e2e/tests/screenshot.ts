import type { Page, TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every e2e test ends with a full-page screenshot kept as a test artifact in e2e/artifacts/. */
export async function saveScreenshot(page: Page, testInfo: TestInfo): Promise<string> {
  const dir = join(import.meta.dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `${testInfo.titlePath
      .slice(1)
      .join(' - ')
      .replace(/[^\w.-]+/g, '_')}.png`,
  );
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach('screenshot', { path: file, contentType: 'image/png' });
  return file;
}
