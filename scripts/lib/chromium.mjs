// The e2e tests drive Debian's chromium through Playwright's executablePath; Playwright never downloads a browser here.
import { existsSync } from 'node:fs';
import { run, succeeds } from './run.mjs';

export const CHROMIUM = '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptGet = asRoot ? ['apt-get'] : succeeds('sudo', ['-n', 'true']) ? ['sudo', '-n', 'apt-get'] : null;
  if (!aptGet)
    throw new Error(`${CHROMIUM} is missing and apt-get needs root: run "sudo apt-get install -y chromium" once`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(aptGet[0], [...aptGet.slice(1), 'update'], { env });
  run(aptGet[0], [...aptGet.slice(1), 'install', '-y', '--no-install-recommends', 'chromium'], { env });
}
