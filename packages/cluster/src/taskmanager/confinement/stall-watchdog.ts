/**
 * Notices a task thread stuck in one call. A user function in an endless loop cannot be interrupted from inside
 * its thread, so the thread beats a Heartbeat in shared memory from its event loop and the watchdog, on the
 * TaskManager's main thread, calls onStall once the beat has stood still for the limit. A StreamTask hands its event
 * loop a turn at least every 50 ms (MAX_TURN_MS), so only a single call that does not return holds the beat for
 * seconds. The beat costs the records nothing: no write happens per call.
 *
 * The watch starts with the thread's first beat: a thread still loading its code (a fresh one takes seconds on a
 * busy machine) runs no user code yet. Time in which the watchdog itself did not get to run (a starved machine,
 * where the task's thread starves too) counts at most two check periods, so a busy machine is not taken for a stuck
 * task.
 */
import type { TimerService } from '../../time/timer-service.js';

export const HEARTBEAT_INTERVAL_MS = 100;

/** Cells of a heartbeat's memory: the beat count, and how many pieces of host work are under way. */
const BEATS = 0;
const HOST_WORK = 1;

export const allocateHeartbeat = (): SharedArrayBuffer => new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);

/** The beating end, in the thread that runs user code. */
export class Heartbeat {
  private readonly cells: Int32Array;

  constructor(memory: SharedArrayBuffer) {
    this.cells = new Int32Array(memory);
  }

  /** Beats now, and then while the thread's event loop turns; returns what stops it. */
  beatWhileEventLoopTurns(): () => void {
    this.beat();
    const interval = setInterval(() => this.beat(), HEARTBEAT_INTERVAL_MS);
    return () => clearInterval(interval);
  }

  /** One beat, for a loop that never yields to the event loop (the step session's steps). */
  beat(): void {
    Atomics.add(this.cells, BEATS, 1);
  }

  /** Runs host work that may hold the thread for long (encoding and writing a large checkpoint): not a stall. */
  duringHostWork<T>(work: () => T): T {
    Atomics.add(this.cells, HOST_WORK, 1);
    try {
      return work();
    } finally {
      Atomics.sub(this.cells, HOST_WORK, 1);
    }
  }
}

export class StallWatchdog {
  /** Often enough to stop a stuck call soon after its limit; never so often that a healthy beat is missed. */
  private readonly periodMs: number;
  private readonly cells: Int32Array;
  private lastBeat: number;
  /** Whether the thread has beaten yet. */
  private started: boolean;
  private lastCheckAt: number;
  private stalledMs = 0;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly time: TimerService,
    heartbeat: SharedArrayBuffer,
    private readonly limitMs: number,
    private readonly onStall: () => void,
  ) {
    this.cells = new Int32Array(heartbeat);
    this.periodMs = Math.max(2 * HEARTBEAT_INTERVAL_MS, Math.min(1000, Math.floor(limitMs / 5)));
    this.lastBeat = Atomics.load(this.cells, BEATS);
    this.started = this.lastBeat !== 0;
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
    const beat = Atomics.load(this.cells, BEATS);
    if (beat !== this.lastBeat || Atomics.load(this.cells, HOST_WORK) !== 0) {
      this.started ||= beat !== this.lastBeat;
      this.lastBeat = beat;
      this.stalledMs = 0;
    } else if (this.started) this.stalledMs += Math.min(now - this.lastCheckAt, 2 * this.periodMs);
    this.lastCheckAt = now;
    if (this.stalledMs >= this.limitMs) {
      this.cancel = undefined;
      this.onStall();
    } else this.schedule();
  }
}
