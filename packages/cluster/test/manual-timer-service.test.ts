/** The cluster's manual clock: time moves only when advanced, and due timers run in order at their due time. */
import { describe, expect, it } from 'vitest';
import { ManualTimerService } from '../src/time/manual-timer-service.js';
import { scheduleAtFixedRate, sleep } from '../src/time/timer-service.js';

describe('ManualTimerService', () => {
  it('runs the timers due within an advance in due-time order, ties in the order set, each at its due time', () => {
    const time = new ManualTimerService(1000);
    const ran: [string, number][] = [];
    const record = (name: string) => () => ran.push([name, time.now()]);
    time.schedule(30, record('c'));
    time.schedule(10, record('a'));
    time.schedule(30, record('d'));
    time.schedule(0, record('now'));
    const cancel = time.schedule(20, record('cancelled'));
    time.schedule(50, record('later'));
    cancel();
    time.advance(40);
    expect(ran).toEqual([
      ['now', 1000],
      ['a', 1010],
      ['c', 1030],
      ['d', 1030],
    ]);
    expect(time.now()).toBe(1040);
    expect(time.pendingTimers).toBe(1);
  });

  it('runs a timer set by a running timer in the same advance when it falls due within it', () => {
    const time = new ManualTimerService();
    const ran: number[] = [];
    time.schedule(10, () => {
      ran.push(time.now());
      time.schedule(10, () => ran.push(time.now()));
      time.schedule(100, () => ran.push(time.now()));
    });
    time.advance(25);
    expect(ran).toEqual([10, 20]);
    time.advance(85);
    expect(ran).toEqual([10, 20, 110]);
  });

  it('refuses to move time backwards', () => {
    expect(() => new ManualTimerService().advance(-1)).toThrow('ms must not be negative, got -1');
  });

  it('scheduleAtFixedRate runs once per period until cancelled, also when cancelled from its own run', () => {
    const time = new ManualTimerService();
    const runs: number[] = [];
    const cancel = scheduleAtFixedRate(time, 100, () => {
      runs.push(time.now());
      if (runs.length === 3) cancel();
    });
    time.advance(1000);
    expect(runs).toEqual([100, 200, 300]);
    expect(time.pendingTimers).toBe(0);
  });

  it('sleep resolves once its delay has passed on the manual clock', async () => {
    const time = new ManualTimerService();
    let woke = false;
    const slept = sleep(time, 500).then(() => (woke = true));
    time.advance(499);
    await Promise.resolve();
    expect(woke).toBe(false);
    time.advance(1);
    await slept;
    expect(woke).toBe(true);
  });
});
