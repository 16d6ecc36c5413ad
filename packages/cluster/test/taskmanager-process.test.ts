/** A TaskManager never outlives its cluster: when the control-plane IPC channel closes, the process exits. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../dist/taskmanager.js', import.meta.url));

describe('TaskManager process', () => {
  it('registers its slots and data port, then exits when its parent disconnects', async () => {
    const child = fork(entry, ['tm-x', '3', String(1024 * 1024)], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const registration = await new Promise<unknown>((resolve) => child.once('message', resolve));
    expect(registration).toMatchObject({ type: 'register', taskManagerId: 'tm-x', pid: child.pid, slots: 3 });
    child.disconnect();
    expect(await exited).toBe(0);
  });
});
