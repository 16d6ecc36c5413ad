/**
 * Issue 11, confined user code, on a real cluster: user functions in TaskManager task threads reach nothing of
 * the host (no process, modules, environment or timers), a TaskManager inherits none of the server's secrets, and a
 * user function that never returns or eats its heap fails its task with the limit named while the TaskManager runs on.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { LocalCluster } from '../src/index.js';
import { edge, jobGraph, operator, runToCompletion } from './harness.js';

const SECRET = 'SLUICE_CONFINEMENT_TEST_NEVER_SEEN';
let cluster: LocalCluster;
beforeAll(async () => {
  // A secret in the server's environment, as a workshop server would have credentials in its own.
  process.env.API_SECRET = SECRET;
  cluster = await LocalCluster.start({ taskManagers: 1, slotsPerTaskManager: 2 });
});
afterAll(async () => {
  await cluster?.shutdown();
  delete process.env.API_SECRET;
});

/** What each escape attempt gives inside a user function: its value as a string, or the error it threw. */
const ATTEMPTS: Record<string, string> = {
  process: 'typeof process',
  require: 'typeof require',
  getBuiltinModule: 'process.getBuiltinModule("fs")',
  globalThisProcess: 'String(globalThis.process)',
  functionConstructor: 'String(Function("return process")())',
  thisConstructor: '(function () { return this.constructor.constructor("return process")(); })()',
  ctxConstructor: 'ctx.constructor.constructor("return process")()',
  environment: 'process.env.API_SECRET',
  setTimeout: 'typeof setTimeout',
};

const attemptFn = (expression: string): string =>
  `(value, ctx) => { try { return String(${expression}); } catch (error) { return error.name + ": " + error.message; } }`;

const singleMap = (name: string, fn: string, config: JobGraph['config'] = {}): JobGraph => ({
  ...jobGraph(
    name,
    [
      operator('src', 'source.sequence', 1, { from: 1, to: 1 }),
      operator(name, 'map', 1, { fn }, { chaining: 'HEAD' }),
      operator('out', 'sink.collect', 1),
    ],
    [edge('src', name), edge(name, 'out')],
  ),
  config,
});

describe('user code confined in TaskManager task threads', () => {
  it('sees no process, module loader, environment or timers', async () => {
    const ids = Object.keys(ATTEMPTS);
    const details = await runToCompletion(
      cluster,
      jobGraph(
        'escape attempts',
        [
          operator('src', 'source.sequence', 1, { from: 1, to: 1 }),
          ...ids.map((id) => operator(id, 'map', 1, { fn: attemptFn(ATTEMPTS[id]!) })),
          ...ids.map((id) => operator(`${id}-out`, 'sink.collect', 1)),
        ],
        [...ids.map((id) => edge('src', id)), ...ids.map((id) => edge(id, `${id}-out`))],
      ),
    );
    const seen = Object.fromEntries(ids.map((id) => [id, details.sinks[`${id}-out`]]));
    const notAConstructor = ['TypeError: Function.prototype.constructor is not a valid constructor.'];
    expect(seen).toEqual({
      process: ['undefined'],
      require: ['undefined'],
      getBuiltinModule: ["TypeError: Cannot read properties of undefined (reading 'getBuiltinModule')"],
      globalThisProcess: ['undefined'],
      functionConstructor: ['undefined'],
      thisConstructor: ["TypeError: Cannot read properties of undefined (reading 'constructor')"],
      ctxConstructor: notAConstructor,
      environment: ["TypeError: Cannot read properties of undefined (reading 'env')"],
      setTimeout: ['undefined'],
    });
  });

  it('cannot import a module: the function does not compile and the job fails saying so', async () => {
    const details = await cluster.submitJob(singleMap('importer', '(v) => import("fs")')).whenTerminal();
    expect(details.status).toBe('FAILED');
    expect(details.failure?.message).toMatch(
      /^operator "importer" params\.fn does not compile: Possible import expression rejected/,
    );
  });

  it('starts TaskManagers with none of the server’s environment but what Node and Sluice need', () => {
    for (const { pid } of cluster.taskManagers()) {
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
      expect(environment.join('\n')).not.toContain(SECRET);
      const names = environment.map((entry) => entry.slice(0, entry.indexOf('=')));
      // NODE_CHANNEL_*: fork's own IPC channel to the cluster.
      const expected = (name: string) =>
        ['PATH', 'HOME', 'TMPDIR', 'TZ'].includes(name) || /^(SLUICE|NODE_CHANNEL)_/.test(name);
      expect(names.filter((name) => !expected(name))).toEqual([]);
    }
  });

  it('fails a user function that never returns once it passes config.userFunctionTimeoutMs, naming the operator', async () => {
    const details = await cluster
      .submitJob(singleMap('spin', 'v => { while (true) {} }', { userFunctionTimeoutMs: 1000 }))
      .whenTerminal();
    expect(details.status).toBe('FAILED');
    expect(details.failure).toMatchObject({
      operatorId: 'spin',
      message: `operator "spin" did not return within 1000 ms (config.userFunctionTimeoutMs): the task's thread was stopped`,
    });
  });

  it('fails a task past its heap (config.taskHeapSizeMb) and keeps the TaskManager for the next job', async () => {
    const [before] = cluster.taskManagers();
    const bomb = 'v => { const hoard = []; for (;;) hoard.push(new Array(1e6).fill(v)); }';
    // The timeout is far away, so it is the heap that stops the task.
    const details = await cluster
      .submitJob(singleMap('hog', bomb, { taskHeapSizeMb: 64, userFunctionTimeoutMs: 600_000 }))
      .whenTerminal();
    expect(details.status).toBe('FAILED');
    expect(details.failure).toMatchObject({
      operatorId: 'hog',
      message:
        'operator "hog" ran out of heap: a task\'s thread may use 64 MB (config.taskHeapSizeMb), and the task was stopped',
    });
    expect(cluster.taskManagers().map(({ taskManagerId, pid }) => ({ taskManagerId, pid }))).toEqual([
      { taskManagerId: before!.taskManagerId, pid: before!.pid },
    ]);
    const next = await runToCompletion(cluster, singleMap('double', 'v => v * 2'));
    expect(next.sinks.out).toEqual([2]);
  });
});
