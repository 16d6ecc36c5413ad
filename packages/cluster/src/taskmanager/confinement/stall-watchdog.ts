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
 * task. Where the thread's CPU time can be read (Linux), the limit is CPU time the thread spent since its last beat:
 * a call that loops burns it at once, a thread that merely waits for a core on a loaded machine does not. A thread
 * blocked without burning CPU is still stopped, once the beat has stood still for ten times the limit.
 */
import { readFileSync } from 'node:fs';
import type { TimerService } from '../../time/timer-service.js';

export const HEARTBEAT_INTERVAL_MS = 100;

/** Cells of a heartbeat's memory: the beat count, how many pieces of host work are under way, the thread's id. */
const BEATS = 0;
const HOST_WORK = 1;
const THREAD_ID = 2;

/** How many times the limit a beat may stand still while the thread burns no CPU (blocked, or starved). */
const WALL_CLOCK_FACTOR = 10;

export const allocateHeartbeat = (): SharedArrayBuffer => new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);

/** The calling thread's kernel id (Linux), or 0 where /proc does not tell it. */
function currentThreadId(): number {
  try {
    return Number.parseInt(readFileSync('/proc/thread-self/stat', 'utf8'), 10) || 0;
  } catch {
    return 0;
  }
}

/** The CPU time (user + system, ms) a thread of this process has used, or undefined where it cannot be read. */
export function threadCpuTimeMs(threadId: number): number | undefined {
  if (threadId === 0) return undefined;
  try {
    const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks of 10 ms on Linux (USER_HZ 100).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Reads the CPU time of the thread a heartbeat's memory names. */
export type ThreadCpuClock = (threadId: number) => number | undefined;

/** The beating end, in the thread that runs user code. */
export class Heartbeat {
  private readonly cells: Int32Array;

  constructor(memory: SharedArrayBuffer) {
    this.cells = new Int32Array(memory);
    Atomics.store(this.cells, THREAD_ID, currentThreadId());
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
  /** The thread's CPU time at its last beat, where it can be read. */
  private cpuAtLastBeat: number | undefined;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly time: TimerService,
    heartbeat: SharedArrayBuffer,
    private readonly limitMs: number,
    private readonly onStall: () => void,
    private readonly cpuClock: ThreadCpuClock = threadCpuTimeMs,
  ) {
    this.cells = new Int32Array(heartbeat);
    this.periodMs = Math.max(2 * HEARTBEAT_INTERVAL_MS, Math.min(1000, Math.floor(limitMs / 5)));
    this.lastBeat = Atomics.load(this.cells, BEATS);
    this.started = this.lastBeat !== 0;
    if (this.started) this.cpuAtLastBeat = cpuClock(Atomics.load(this.cells, THREAD_ID));
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
    const cpu = this.cpuClock(Atomics.load(this.cells, THREAD_ID));
    if (beat !== this.lastBeat || Atomics.load(this.cells, HOST_WORK) !== 0) {
      this.started ||= beat !== this.lastBeat;
      this.lastBeat = beat;
      this.stalledMs = 0;
      this.cpuAtLastBeat = cpu;
    } else if (this.started) this.stalledMs += Math.min(now - this.lastCheckAt, 2 * this.periodMs);
    this.lastCheckAt = now;
    if (this.stalled(cpu)) {
      this.cancel = undefined;
      this.onStall();
    } else this.schedule();
  }

  private stalled(cpu: number | undefined): boolean {
    if (cpu === undefined || this.cpuAtLastBeat === undefined) return this.stalledMs >= this.limitMs;
    return cpu - this.cpuAtLastBeat >= this.limitMs || this.stalledMs >= WALL_CLOCK_FACTOR * this.limitMs;
  }
}
