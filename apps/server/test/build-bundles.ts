/**
 * The cluster forks packages/cluster/dist/taskmanager.js and the CLI tests run apps/server/dist/cli.js, so both
 * bundles must match the source under test: run the two packages' own esbuild scripts (a second or two) first.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  for (const dir of ['../../../packages/cluster', '..']) {
    execFileSync(process.execPath, ['build.mjs'], {
      cwd: fileURLToPath(new URL(dir, import.meta.url)),
      stdio: 'inherit',
    });
  }
}
