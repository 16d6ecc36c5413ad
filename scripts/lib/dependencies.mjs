// `pnpm install` only when the lockfile changed since the last install here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { run } from './run.mjs';
import { unlessUnchanged } from './stamp.mjs';

function lockfileDigest() {
  const hash = createHash('sha256');
  for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json']) hash.update(readFileSync(file));
  return hash.digest('hex');
}

export function ensureDependencies(pnpm) {
  unlessUnchanged('install', lockfileDigest(), () =>
    run(pnpm, ['install', '--frozen-lockfile'], { env: { ...process.env, CI: 'true' } }),
  );
}
