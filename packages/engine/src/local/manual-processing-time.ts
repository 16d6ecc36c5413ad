/**
 * The step mode's processing time for operators (TaskHost.operatorTime): a virtual clock that starts at 0 and
 * moves only when advanced, so a lesson on processing-time timers and windows is the same on every replay. What
 * falls due when it moves is posted to its task's mailbox, as the task's own timers are, in order of due time.
 */
import type { ProcessingTimeService } from '../task/host.js';

interface Callback {
  at: number;
  owner: string;
  fn: () => void;
  cancelled: boolean;
}

export class ManualProcessingTime {
  private current = 0;
  /** Sorted by due time; equal times keep the order they were scheduled in. */
  private pending: Callback[] = [];

  constructor(private readonly post: (owner: string, fn: () => void) => void) {}

  now(): number {
    return this.current;
  }

  /** The clock as one task's operators see it: what they schedule runs in that task's mailbox. */
  serviceFor(owner: string): ProcessingTimeService {
    return {
      now: () => this.current,
      schedule: (delayMs, fn) => {
        const callback: Callback = { at: this.current + Math.max(0, delayMs), owner, fn, cancelled: false };
        if (callback.at <= this.current) this.post(owner, () => callback.cancelled || fn());
        else this.insert(callback);
        return () => {
          callback.cancelled = true;
        };
      },
    };
  }

  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0)
      throw new Error(`processing time advances by a whole number of ms ≥ 0, got ${String(ms)}`);
    this.current += ms;
    const due = this.pending.filter((c) => c.at <= this.current);
    this.pending = this.pending.filter((c) => c.at > this.current);
    for (const callback of due)
      if (!callback.cancelled) this.post(callback.owner, () => callback.cancelled || callback.fn());
  }

  private insert(callback: Callback): void {
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.at > callback.at) i--;
    this.pending.splice(i, 0, callback);
  }
}
