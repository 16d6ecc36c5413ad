import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkMessage } from '@sluice/engine';
import { ConnectionManager, type DataFrame } from '../src/taskmanager/network/connection-manager.js';
import { until } from './harness.js';

const managers: ConnectionManager[] = [];
afterEach(() => {
  for (const manager of managers.splice(0)) manager.close();
});

async function taskManager(id: string): Promise<{ manager: ConnectionManager; port: number; received: DataFrame[] }> {
  const received: DataFrame[] = [];
  const manager = new ConnectionManager(id, (frame) => received.push(frame));
  managers.push(manager);
  return { manager, port: await manager.listen(), received };
}

const credit = (i: number): NetworkMessage => ({ type: 'credit', channel: `e0:${i}>0`, credit: i });

describe('ConnectionManager: one TCP connection per TaskManager pair', () => {
  it('multiplexes every channel of a pair over one connection, in order, when both sides dial at once', async () => {
    const a = await taskManager('tm-1');
    const b = await taskManager('tm-2');
    const count = 200;
    // Both send before either connection exists: both dial, the handshake keeps exactly one connection.
    for (let i = 0; i < count; i++) {
      a.manager.send('tm-2', b.port, { kind: 'data', jobId: 'job', message: credit(i) });
      b.manager.send('tm-1', a.port, { kind: 'data', jobId: 'job', message: credit(i) });
    }
    await until(() => a.received.length === count && b.received.length === count, 5000);
    const expected = Array.from({ length: count }, (_, i) => ({ kind: 'data', jobId: 'job', message: credit(i) }));
    expect(a.received).toEqual(expected);
    expect(b.received).toEqual(expected);
    expect(a.manager.connectionCount()).toBe(1);
    expect(b.manager.connectionCount()).toBe(1);
  });

  it('reuses the established connection for later frames in both directions', async () => {
    const a = await taskManager('tm-1');
    const b = await taskManager('tm-2');
    a.manager.send('tm-2', b.port, { kind: 'data', jobId: 'j1', message: credit(1) });
    await until(() => b.received.length === 1, 5000);
    b.manager.send('tm-1', a.port, { kind: 'data', jobId: 'j2', message: credit(2) });
    await until(() => a.received.length === 1, 5000);
    expect(a.received[0]).toEqual({ kind: 'data', jobId: 'j2', message: credit(2) });
    expect(a.manager.connectionCount()).toBe(1);
    expect(b.manager.connectionCount()).toBe(1);
  });
});
