/**
 * A Dispatcher started with an access token (as a workshop server bound beyond loopback is): the web app opened
 * without the token meets a 401, asks for the token once, and with it shows the cluster and its live connection.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { saveScreenshot } from './screenshot';

const SERVER = join(import.meta.dirname, '..', '..', 'apps', 'server', 'dist', 'server.js');
const TOKEN = 'e2e-access-token-0123456789';

test('the web app asks for the access token once, then shows the cluster', async ({ page }, testInfo) => {
  const server = spawn(
    process.execPath,
    [
      SERVER,
      '--port',
      '0',
      '--taskmanagers',
      '1',
      '--token',
      TOKEN,
      '--data-root',
      mkdtempSync(join(tmpdir(), 'sluice-e2e-')),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const printed = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      server.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const url = /Sluice is running at (\S+)/.exec(stdout)?.[1];
        if (url) resolve(url);
      });
      server.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${stdout}`)));
    });
    // Printed as Jupyter does: the URL with its token.
    expect(printed).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${TOKEN}$`));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept(TOKEN);
    });

    await page.goto(printed.split('?')[0]!);
    await expect(page.getByTestId('taskmanager-tm-1')).toBeVisible({ timeout: 30_000 });
    expect(dialogs).toEqual(['This Sluice server needs its access token (printed where the server was started):']);
    // Signed in by its cookie, the page keeps working after a reload without asking again.
    await page.reload();
    await expect(page.getByTestId('taskmanager-tm-1')).toBeVisible({ timeout: 30_000 });
    expect(dialogs).toHaveLength(1);
    await saveScreenshot(page, testInfo);
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
});
