/** dist/server.js as `pnpm start` runs it: settings from the environment, and no orphan TaskManagers on SIGTERM. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { taskManagerInfoSchema } from '@sluice/protocol';
import { readDispatcherOptions } from '../src/dispatcher-options.js';
import { tempDir, until } from './harness.js';

const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Dispatcher settings', () => {
  it('default to 2 TaskManagers × 2 slots on 127.0.0.1:8081', () => {
    expect(readDispatcherOptions([], {})).toEqual({
      host: '127.0.0.1',
      port: 8081,
      cluster: { taskManagers: 2, slotsPerTaskManager: 2 },
      access: { allowedHosts: [] },
    });
  });

  it('come from SLUICE_HOST, SLUICE_PORT, SLUICE_TASKMANAGERS and SLUICE_SLOTS; a flag wins over the environment', () => {
    const env = { SLUICE_HOST: '0.0.0.0', SLUICE_PORT: '9000', SLUICE_TASKMANAGERS: '3', SLUICE_SLOTS: '4' };
    expect(readDispatcherOptions([], env)).toEqual({
      host: '0.0.0.0',
      port: 9000,
      cluster: { taskManagers: 3, slotsPerTaskManager: 4 },
      access: { allowedHosts: [] },
    });
    expect(readDispatcherOptions(['--port', '9100', '--taskmanagers', '1'], env)).toMatchObject({
      port: 9100,
      cluster: { taskManagers: 1 },
    });
  });

  it('name the setting and the value when it is wrong', () => {
    expect(() => readDispatcherOptions([], { SLUICE_PORT: 'http' })).toThrow(
      'SLUICE_PORT must be a whole number from 0 to 65535, got "http"',
    );
    expect(() => readDispatcherOptions(['--slots-per-taskmanager', '0'], {})).toThrow(
      '--slots-per-taskmanager must be a whole number ≥ 1, got "0"',
    );
    expect(() => readDispatcherOptions(['--verbose'], {})).toThrow("Unknown option '--verbose'");
    expect(() => readDispatcherOptions(['--token', 'short'], {})).toThrow(
      '--token must be at least 16 printable characters without spaces',
    );
  });

  it('take tokens from --token and --view-token (or SLUICE_TOKEN, SLUICE_VIEW_TOKEN) and repeated --allowed-host', () => {
    const argv = ['--allowed-host', 'sluice.lan', '--allowed-host', 'proxy.example', '--view-token', 'v'.repeat(16)];
    expect(readDispatcherOptions(argv, { SLUICE_TOKEN: 't'.repeat(16) }).access).toEqual({
      allowedHosts: ['sluice.lan', 'proxy.example'],
      token: 't'.repeat(16),
      viewToken: 'v'.repeat(16),
    });
  });

  it('take the data root from --data-root and further folders from repeated --allow-path', () => {
    expect(
      readDispatcherOptions(['--data-root', 'class', '--allow-path', '/srv/a', '--allow-path', 'b'], {}),
    ).toMatchObject({
      dataRoot: 'class',
      allowedPaths: ['/srv/a', 'b'],
    });
  });
});

describe('the Dispatcher process', () => {
  it('serves with the environment settings and, on SIGTERM, stops every TaskManager process before exiting 0', async () => {
    const child = spawn(process.execPath, [SERVER], {
      env: { ...process.env, SLUICE_PORT: '0', SLUICE_TASKMANAGERS: '1', SLUICE_SLOTS: '3' },
      // Its data root, sluice-data/, is made in the working directory.
      cwd: tempDir('process'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const url = await until(() => /Sluice is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]);
    const taskManagers = taskManagerInfoSchema.array().parse(await (await fetch(`${url}/taskmanagers`)).json());
    expect(taskManagers.map((tm) => tm.slots.length)).toEqual([3]);
    const pid = taskManagers[0]!.pid;
    expect(alive(pid)).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(pid)).toBe(false);
  });
});
