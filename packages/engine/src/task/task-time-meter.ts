/**
 * Where a task's time goes, measured from its mailbox (Flink's busyTimeMsPerSecond, idleTimeMsPerSecond and
 * backPressuredTimeMsPerSecond, §4): every moment is in exactly one state, so the three add up to ≈1000 ms/s.
 * Idle is waiting for input; backpressured is waiting for an output buffer, and is never counted as idle.
 */
export type MailboxTimeState = 'busy' | 'idle' | 'backPressured';

export interface TimePerSecond {
  busyMsPerSecond: number;
  idleMsPerSecond: number;
  backPressuredMsPerSecond: number;
}

export class TaskTimeMeter {
  private state: MailboxTimeState = 'idle';
  private since: number;
  private readonly totals: Record<MailboxTimeState, number> = { busy: 0, idle: 0, backPressured: 0 };
  private lastSnapshot: { at: number; totals: Record<MailboxTimeState, number> };
  private lastRates: TimePerSecond = { busyMsPerSecond: 0, idleMsPerSecond: 0, backPressuredMsPerSecond: 0 };

  constructor(private readonly now: () => number) {
    this.since = now();
    this.lastSnapshot = { at: this.since, totals: { ...this.totals } };
  }

  enter(state: MailboxTimeState): void {
    if (state === this.state) return;
    this.accumulate();
    this.state = state;
  }

  /** Rates over the time since the previous call (the metric's polling interval). */
  perSecond(): TimePerSecond {
    this.accumulate();
    const at = this.since;
    const elapsed = at - this.lastSnapshot.at;
    // Under virtual time (or two polls in the same millisecond) no time passed: the last rates still stand.
    if (elapsed <= 0) return this.lastRates;
    const rate = (s: MailboxTimeState): number =>
      Math.round(((this.totals[s] - this.lastSnapshot.totals[s]) * 1000) / elapsed);
    this.lastRates = {
      busyMsPerSecond: rate('busy'),
      idleMsPerSecond: rate('idle'),
      backPressuredMsPerSecond: rate('backPressured'),
    };
    this.lastSnapshot = { at, totals: { ...this.totals } };
    return this.lastRates;
  }

  private accumulate(): void {
    const now = this.now();
    this.totals[this.state] += now - this.since;
    this.since = now;
  }
}
