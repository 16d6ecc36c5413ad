// `pnpm install` only when the lockfile changed since the last install here.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { run } from './run.mjs';

const stampFile = 'node_modules/.sluice-install';

function lockfileDigest() {
  const hash = createHash('sha256');
  for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json']) hash.update(readFileSync(file));
  return hash.digest('hex');
}

export function ensureDependencies(pnpm) {
  const digest = lockfileDigest();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) return;
  run(pnpm, ['install', '--frozen-lockfile'], { env: { ...process.env, CI: 'true' } });
  writeFileSync(stampFile, digest);
}
