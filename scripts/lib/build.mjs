// Builds the bundles Node runs (TaskManager, task worker, server, CLI) and the web app, skipping the
// build when none of its inputs changed since the last one on this machine.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.mjs';
import { unlessUnchanged } from './stamp.mjs';

const TARGETS = {
  runtime: {
    packages: ['@sluice/cluster', '@sluice/server'],
    outputs: ['packages/cluster/dist', 'apps/server/dist/cli.js', 'apps/server/dist/server.js'],
  },
  all: {
    packages: ['@sluice/cluster', '@sluice/server', '@sluice/web'],
    outputs: ['packages/cluster/dist', 'apps/server/dist/server.js', 'apps/web/dist/index.html'],
  },
};

const INPUT_ROOTS = ['packages', 'apps'];
const SKIPPED = new Set(['node_modules', 'dist', 'test', 'coverage', 'sluice-data']);

/** Regular files only: a tool's venv or a server's data folder left in a package may hold links to folders. */
function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.isFile()) yield path;
  }
}

function inputsDigest() {
  const hash = createHash('sha256');
  const files = INPUT_ROOTS.flatMap((root) => [...sourceFiles(root)]).sort();
  for (const file of [...files, 'pnpm-lock.yaml']) {
    hash.update(file);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export function ensureBuilt(pnpm, targetName) {
  const target = TARGETS[targetName];
  if (!target) throw new Error(`unknown build target ${targetName}`);
  unlessUnchanged(
    `build-${targetName}`,
    inputsDigest(),
    () => run(pnpm, ['--silent', ...target.packages.flatMap((p) => ['--filter', p]), 'run', 'build']),
    () => target.outputs.every((output) => existsSync(output)),
  );
}
