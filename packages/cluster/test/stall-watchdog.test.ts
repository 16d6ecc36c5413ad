/** The StallWatchdog on a manual clock: it fires only after the heartbeat has stood still for the whole limit. */
import { describe, expect, it } from 'vitest';
import {
  allocateHeartbeat,
  Heartbeat,
  StallWatchdog,
  threadCpuTimeMs,
  type ThreadCpuClock,
} from '../src/taskmanager/confinement/stall-watchdog.js';
import { ManualTimerService } from '../src/time/manual-timer-service.js';

/** Where no thread's CPU time can be read, the watchdog goes by the beat's wall-clock time alone. */
const noCpuClock = () => undefined;

function watched(limitMs: number, cpuClock: ThreadCpuClock = noCpuClock) {
  const time = new ManualTimerService();
  const memory = allocateHeartbeat();
  const heartbeat = new Heartbeat(memory);
  let stalls = 0;
  // The thread has started.
  heartbeat.beat();
  const watchdog = new StallWatchdog(time, memory, limitMs, () => stalls++, cpuClock);
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
    new StallWatchdog(time, memory, 1000, () => stalls++, noCpuClock);
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

  it('with a CPU clock, fires once the silent thread has burned the limit in CPU time', () => {
    let cpuMs = 0;
    const { time, stalls } = watched(1000, () => cpuMs);
    time.advance(400);
    // A call that loops: its thread burns CPU as the wall clock moves.
    for (let ms = 0; ms < 900; ms += 100) {
      cpuMs += 100;
      time.advance(100);
    }
    expect(stalls()).toBe(0);
    cpuMs += 200;
    time.advance(200);
    expect(stalls()).toBe(1);
  });

  it('with a CPU clock, a silent thread that burns no CPU (waiting for a core) is stopped only at ten times the limit', () => {
    const cpuMs = 50;
    const { time, stalls } = watched(1000, () => cpuMs);
    time.advance(9_000);
    expect(stalls()).toBe(0);
    time.advance(1_000);
    expect(stalls()).toBe(1);
  });

  it("reads a real thread's CPU time on Linux: this thread's grows while it computes", () => {
    const memory = allocateHeartbeat();
    new Heartbeat(memory);
    const threadId = new Int32Array(memory)[2]!;
    const before = threadCpuTimeMs(threadId);
    if (before === undefined) return expect(process.platform).not.toBe('linux');
    // On a loaded machine the thread gets a core now and then: compute until its CPU time moves, or 30 s pass.
    const giveUpAt = performance.now() + 30_000;
    let after = before;
    while (after - before < 50 && performance.now() < giveUpAt) after = threadCpuTimeMs(threadId)!;
    expect(after - before).toBeGreaterThanOrEqual(50);
  });
});
