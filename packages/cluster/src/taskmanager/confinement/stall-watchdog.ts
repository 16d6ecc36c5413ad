/**
 * Notices a task thread stuck in one call. A user function in an endless loop cannot be interrupted from inside
 * its thread, so the thread beats a shared counter from its event loop (startHeartbeat, in the task thread) and
 * the watchdog, on the TaskManager's main thread, calls onStall once the counter has stood still for the limit.
 * A StreamTask hands its event loop a turn at least every 50 ms (MAX_TURN_MS), so only a single call that does not
 * return holds the beat for seconds. The beat costs the records nothing: no write happens per call.
 *
 * Time in which the watchdog itself did not get to run (a starved machine, where the task's thread starves too)
 * counts at most two check periods, so a busy machine is not taken for a stuck task.
 */
import type { TimerService } from '../../time/timer-service.js';

export const HEARTBEAT_INTERVAL_MS = 100;

/** In the task thread: beats `beats[0]` while its event loop turns; returns what stops it. */
export function startHeartbeat(beats: Int32Array): () => void {
  const interval = setInterval(() => Atomics.add(beats, 0, 1), HEARTBEAT_INTERVAL_MS);
  return () => clearInterval(interval);
}

export class StallWatchdog {
  /** Often enough to stop a stuck call soon after its limit; never so often that a healthy beat is missed. */
  private readonly periodMs: number;
  private lastBeat: number;
  private lastCheckAt: number;
  private stalledMs = 0;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly time: TimerService,
    private readonly beats: Int32Array,
    private readonly limitMs: number,
    private readonly onStall: () => void,
  ) {
    this.periodMs = Math.max(2 * HEARTBEAT_INTERVAL_MS, Math.min(1000, Math.floor(limitMs / 5)));
    this.lastBeat = Atomics.load(beats, 0);
    this.lastCheckAt = time.now();
    this.schedule();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private schedule(): void {
    this.cancel = this.time.schedule(this.periodMs, () => this.check());
  }

  private check(): void {
    const now = this.time.now();
    const beat = Atomics.load(this.beats, 0);
    if (beat !== this.lastBeat) {
      this.lastBeat = beat;
      this.stalledMs = 0;
    } else this.stalledMs += Math.min(now - this.lastCheckAt, 2 * this.periodMs);
    this.lastCheckAt = now;
    if (this.stalledMs >= this.limitMs) {
      this.cancel = undefined;
      this.onStall();
    } else this.schedule();
  }
}
