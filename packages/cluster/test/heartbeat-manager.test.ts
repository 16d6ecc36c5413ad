/** The HeartbeatManager's timing on a manual clock: requests every interval, one timeout for a silent target. */
import { describe, expect, it } from 'vitest';
import { HeartbeatManager } from '../src/heartbeat/heartbeat-manager.js';
import { ManualTimerService } from '../src/time/manual-timer-service.js';

describe('HeartbeatManager', () => {
  it('requests a heartbeat from every target each interval and reports a silent one once, after the timeout', () => {
    const timeouts: [string, number][] = [];
    const time = new ManualTimerService();
    const manager = new HeartbeatManager(
      { intervalMs: 100, timeoutMs: 350 },
      (id, silentMs) => timeouts.push([id, silentMs]),
      time,
    );
    const requests = { a: 0, b: 0 };
    manager.monitorTarget('a', () => {
      requests.a++;
      manager.receiveHeartbeat('a');
    });
    manager.monitorTarget('b', () => requests.b++);
    time.advance(300);
    expect(requests).toEqual({ a: 3, b: 3 });
    expect(timeouts).toEqual([]);
    time.advance(100);
    // b last answered when it was first monitored, 400 ms ago: more than the 350 ms timeout.
    expect(timeouts).toEqual([['b', 400]]);
    time.advance(1000);
    expect(timeouts).toHaveLength(1);
    expect(requests).toEqual({ a: 14, b: 3 });
    expect(manager.lastHeartbeat('b')).toBeUndefined();
    manager.stop();
    expect(time.pendingTimers).toBe(0);
  });

  it('stops watching an unmonitored target', () => {
    const timeouts: string[] = [];
    const time = new ManualTimerService();
    const manager = new HeartbeatManager({ intervalMs: 50, timeoutMs: 100 }, (id) => timeouts.push(id), time);
    manager.monitorTarget('gone', () => undefined);
    manager.unmonitorTarget('gone');
    time.advance(500);
    expect(timeouts).toEqual([]);
    manager.stop();
  });
});
