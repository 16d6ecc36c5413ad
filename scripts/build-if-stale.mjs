#!/usr/bin/env node
// `node scripts/build-if-stale.mjs runtime|all`: the build step of setup, on its own (used by `pnpm sluice` and `pnpm bench`).
import { ensureBuilt } from './lib/build.mjs';
import { ensurePnpm } from './lib/pnpm.mjs';

try {
  ensureBuilt(ensurePnpm(), process.argv[2] ?? 'all');
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
