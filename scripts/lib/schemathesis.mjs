// schemathesis (PyPI), the fuzzer the server's REST tests run against /openapi.json, in a venv of its own under
// .tools/ (the machine's Python untouched). Idempotent: an installed venv of the pinned version is reused at once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, succeeds } from './run.mjs';

export const SCHEMATHESIS_VERSION = '4.32.5';
/** Under the repository's .tools/, wherever the caller runs (vitest runs a package's tests in its folder). */
const VENV = fileURLToPath(new URL('../../.tools/schemathesis', import.meta.url));
/** The `st` command of the venv. */
export const SCHEMATHESIS = resolve(VENV, 'bin/st');

function installed() {
  if (!existsSync(SCHEMATHESIS)) return false;
  const version = spawnSync(SCHEMATHESIS, ['--version'], { encoding: 'utf8' });
  return version.status === 0 && version.stdout.trim().endsWith(`version ${SCHEMATHESIS_VERSION}`);
}

/** Returns the path of `st`, installing schemathesis first when this machine does not have it yet. */
export function ensureSchemathesis() {
  if (installed()) return SCHEMATHESIS;
  if (!succeeds('python3', ['-m', 'venv', '--help']))
    throw new Error('python3 with its venv module is needed for schemathesis ("sudo apt-get install -y python3-venv")');
  run('python3', ['-m', 'venv', VENV]);
  run(resolve(VENV, 'bin/pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `schemathesis==${SCHEMATHESIS_VERSION}`,
  ]);
  return SCHEMATHESIS;
}
