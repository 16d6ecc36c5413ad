// pnpm is installed with npm (corepack's signature check fails on these machines).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run, succeeds } from './run.mjs';

const PNPM_VERSION = '12';
const localPrefix = resolve('.tools/pnpm');
const localBin = join(localPrefix, 'node_modules', '.bin', 'pnpm');

/** Returns the pnpm command to use, installing pnpm globally (or under .tools/ when global installs are not allowed). */
export function ensurePnpm() {
  if (succeeds('pnpm', ['--version'])) return 'pnpm';
  if (existsSync(localBin) && succeeds(localBin, ['--version'])) return localBin;
  if (succeeds('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`]) && succeeds('pnpm', ['--version'])) return 'pnpm';
  run('npm', ['install', '--prefix', localPrefix, '--no-save', `pnpm@${PNPM_VERSION}`]);
  return localBin;
}
