/** The StallWatchdog on a manual clock: it fires only after the heartbeat has stood still for the whole limit. */
import { describe, expect, it } from 'vitest';
import { allocateHeartbeat, Heartbeat, StallWatchdog } from '../src/taskmanager/confinement/stall-watchdog.js';
import { ManualTimerService } from '../src/time/manual-timer-service.js';

function watched(limitMs: number) {
  const time = new ManualTimerService();
  const memory = allocateHeartbeat();
  const heartbeat = new Heartbeat(memory);
  let stalls = 0;
  // The thread has started.
  heartbeat.beat();
  const watchdog = new StallWatchdog(time, memory, limitMs, () => stalls++);
  return { time, heartbeat, beat: () => heartbeat.beat(), stalls: () => stalls, watchdog };
}

describe('StallWatchdog', () => {
  it('fires once when the heartbeat stands still for the limit, not before', () => {
    const { time, stalls } = watched(1000);
    time.advance(999);
    expect(stalls()).toBe(0);
    time.advance(1);
    expect(stalls()).toBe(1);
    time.advance(10_000);
    expect(stalls()).toBe(1);
    expect(time.pendingTimers).toBe(0);
  });

  it('never fires while the heartbeat moves, however long the task runs', () => {
    const { time, beat, stalls } = watched(1000);
    for (let ms = 0; ms < 60_000; ms += 100) {
      beat();
      time.advance(100);
    }
    expect(stalls()).toBe(0);
  });

  it('counts the limit from the last beat', () => {
    const { time, beat, stalls } = watched(1000);
    time.advance(800);
    beat();
    time.advance(1000);
    expect(stalls()).toBe(0);
    time.advance(200);
    expect(stalls()).toBe(1);
  });

  it('does not count host work, however long, and counts again once it is done', () => {
    const { time, heartbeat, stalls } = watched(1000);
    heartbeat.duringHostWork(() => time.advance(5000));
    expect(stalls()).toBe(0);
    time.advance(1000);
    expect(stalls()).toBe(1);
  });

  it('waits for the first beat: a thread still loading its code runs no user code', () => {
    const time = new ManualTimerService();
    const memory = allocateHeartbeat();
    let stalls = 0;
    new StallWatchdog(time, memory, 1000, () => stalls++);
    time.advance(60_000);
    expect(stalls).toBe(0);
    new Heartbeat(memory).beat();
    time.advance(1200);
    expect(stalls).toBe(1);
  });

  it('stops watching when stopped', () => {
    const { time, stalls, watchdog } = watched(1000);
    watchdog.stop();
    time.advance(10_000);
    expect(stalls()).toBe(0);
    expect(time.pendingTimers).toBe(0);
  });
});
