/** The HeartbeatManager's timing with fake timers: requests every interval, one timeout for a silent target. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeartbeatManager } from '../src/heartbeat/heartbeat-manager.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('HeartbeatManager', () => {
  it('requests a heartbeat from every target each interval and reports a silent one once, after the timeout', () => {
    const timeouts: [string, number][] = [];
    const manager = new HeartbeatManager({ intervalMs: 100, timeoutMs: 350 }, (id, silentMs) =>
      timeouts.push([id, silentMs]),
    );
    const requests = { a: 0, b: 0 };
    manager.monitorTarget('a', () => {
      requests.a++;
      manager.receiveHeartbeat('a');
    });
    manager.monitorTarget('b', () => requests.b++);
    vi.advanceTimersByTime(300);
    expect(requests).toEqual({ a: 3, b: 3 });
    expect(timeouts).toEqual([]);
    vi.advanceTimersByTime(100);
    // b last answered when it was first monitored, 400 ms ago: more than the 350 ms timeout.
    expect(timeouts).toEqual([['b', 400]]);
    vi.advanceTimersByTime(1000);
    expect(timeouts).toHaveLength(1);
    expect(requests).toEqual({ a: 14, b: 3 });
    expect(manager.lastHeartbeat('b')).toBeUndefined();
    manager.stop();
  });

  it('stops watching an unmonitored target', () => {
    const timeouts: string[] = [];
    const manager = new HeartbeatManager({ intervalMs: 50, timeoutMs: 100 }, (id) => timeouts.push(id));
    manager.monitorTarget('gone', () => undefined);
    manager.unmonitorTarget('gone');
    vi.advanceTimersByTime(500);
    expect(timeouts).toEqual([]);
    manager.stop();
  });
});
