import { defineConfig } from '@playwright/test';

/** Its own port, so a developer's `npm start` on 8081 does not collide with the test server. */
export const E2E_PORT = Number(process.env.SLUICE_E2E_PORT ?? 18081);

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1440, height: 900 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium; Playwright never downloads a browser on these machines.
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Builds what changed (web app, cluster bundles, server) first, from the repository root where the build script runs.
    command: 'cd .. && node scripts/build-if-stale.mjs all && node apps/server/dist/server.js',
    url: `http://127.0.0.1:${E2E_PORT}/taskmanagers`,
    env: { SLUICE_PORT: String(E2E_PORT) },
    reuseExistingServer: false,
    // A cold build of the web app and the runtime bundles on a busy 2-core machine takes a few minutes.
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
