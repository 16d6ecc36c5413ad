/**
 * Issue 11, confined user code under `sluice run --step`: the step session's thread runs user functions in SES
 * compartments as a TaskManager's task threads do, and a step stuck in a user function stops the session once it
 * passes config.userFunctionTimeoutMs (the step mode enforces the limit per step, from the CLI's main thread), and
 * one that outgrows config.taskHeapSizeMb stops it too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { cliRunner, tempDir, writeJobFile } from './harness.js';

const sluice = cliRunner(60_000);
const dir = tempDir('cli-step-confinement');

const oneMap = (fn: string, config: JobGraph['config'] = {}): JobGraph => ({
  version: 1,
  name: 'one map',
  config,
  operators: [
    { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 1 } },
    { id: 'probe', kind: 'map', parallelism: 1, params: { fn } },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [
    { source: 'src', target: 'probe' },
    { source: 'probe', target: 'out' },
  ],
});

describe('sluice run --step confines user code', () => {
  it('sees no process, environment or timers', async () => {
    const output = join(dir, 'escape');
    const fn =
      '() => { let fs; try { fs = process.getBuiltinModule("fs"); } catch (error) { fs = error.message; } ' +
      'return [typeof process, typeof require, typeof setTimeout, String(Function("return process")()), fs]; }';
    const outcome = await sluice('run', writeJobFile(dir, 'escape.json', oneMap(fn)), '--step', '--output', output);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(output, 'out.ndjson'), 'utf8')).toBe(
      JSON.stringify([
        'undefined',
        'undefined',
        'undefined',
        'undefined',
        "Cannot read properties of undefined (reading 'getBuiltinModule')",
      ]) + '\n',
    );
  });

  it('stops a step stuck in a user function past config.userFunctionTimeoutMs, naming the limit', async () => {
    const job = writeJobFile(dir, 'spin.json', oneMap('v => { while (true) {} }', { userFunctionTimeoutMs: 1000 }));
    const outcome = await sluice('run', job, '--step');
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'sluice: --step: a step did not return within 1000 ms (config.userFunctionTimeoutMs): the session was stopped\n',
    });
  });

  it('stops a session past config.taskHeapSizeMb, naming the limit', async () => {
    const bomb = 'v => { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(v)); }';
    const job = writeJobFile(dir, 'bomb.json', oneMap(bomb, { taskHeapSizeMb: 64, userFunctionTimeoutMs: 600_000 }));
    const outcome = await sluice('run', job, '--step');
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: 'sluice: --step: the job ran out of heap: its session may use 64 MB (config.taskHeapSizeMb)\n',
    });
  });
});
