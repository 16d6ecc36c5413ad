/**
 * A TimerService whose time moves only when a test advances it (Flink's ManualClock with a manually triggered
 * ScheduledExecutor): advancing runs every timer that falls due on the way, in due-time order, each with `now()`
 * at its due time; timers due at the same time run in the order they were set, and a timer set by a running
 * timer runs in the same advance if it falls due within it.
 */
import type { TimerService } from './timer-service.js';

interface ManualTimer {
  dueAt: number;
  /** Breaks ties between timers due at the same time: the order they were set in. */
  sequence: number;
  fn: () => void;
}

export class ManualTimerService implements TimerService {
  private current: number;
  private sequence = 0;
  private readonly timers: ManualTimer[] = [];

  constructor(startAt = 0) {
    this.current = startAt;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, fn: () => void): () => void {
    const timer: ManualTimer = { dueAt: this.current + Math.max(0, delayMs), sequence: this.sequence++, fn };
    this.timers.push(timer);
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
    };
  }

  /** Moves time forward by ms, running each timer due by then at its due time. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`ManualTimerService.advance: ms must not be negative, got ${ms}`);
    const until = this.current + ms;
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) {
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = next.dueAt;
      next.fn();
    }
    this.current = until;
  }

  /** Timers set and not yet run or cancelled. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  private nextDue(until: number): ManualTimer | undefined {
    let next: ManualTimer | undefined;
    for (const timer of this.timers)
      if (
        timer.dueAt <= until &&
        (!next || timer.dueAt < next.dueAt || (timer.dueAt === next.dueAt && timer.sequence < next.sequence))
      )
        next = timer;
    return next;
  }
}
