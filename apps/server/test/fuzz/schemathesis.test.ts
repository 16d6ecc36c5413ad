/**
 * schemathesis (PyPI) against a real Dispatcher (issue 11, point 5): requests generated from /openapi.json,
 * valid and not, for about a minute. Every answer must be a status the description documents and never a 5xx,
 * and the server must still answer afterwards.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { ensureSchemathesis } from '../../../../scripts/lib/schemathesis.mjs';
import type { Dispatcher } from '../../src/server.js';
import { request, startDispatcher, tempDir } from '../harness.js';

const FUZZ_SECONDS = 60;

let dispatcher: Dispatcher;
let st: string;
beforeAll(async () => {
  st = (ensureSchemathesis as () => string)();
  dispatcher = await startDispatcher({ cluster: { taskManagers: 1, slotsPerTaskManager: 2 } });
}, 300_000);
afterAll(() => dispatcher?.close());

/** Runs `st` to its end without blocking this process's event loop, where the Dispatcher under test runs. */
function schemathesis(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // In a folder of its own: schemathesis keeps its .hypothesis and .schemathesis databases in the working directory.
    const child = spawn(st, args, {
      cwd: tempDir('schemathesis'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('schemathesis against /openapi.json', () => {
  it(
    'finds no 5xx and no undocumented status in a minute of generated requests; the server answers afterwards',
    async () => {
      const { code, output } = await schemathesis([
        'run',
        `${dispatcher.url}/openapi.json`,
        '--checks',
        'not_a_server_error,status_code_conformance',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-time',
        String(FUZZ_SECONDS),
        '--workers',
        '1',
        '--request-timeout',
        '10',
        '--suppress-health-check',
        'all',
      ]);
      expect(code, output).toBe(0);
      expect((await request(dispatcher.url, 'GET', '/taskmanagers')).status).toBe(200);
    },
    FUZZ_SECONDS * 1000 + 120_000,
  );
});
