/**
 * Flink's ExecutionGraphInfoStore limits for jobs that ended (FINISHED, FAILED, CANCELED): each is kept for
 * jobstore.expiration-time after it ended, and at most jobstore.max-capacity of them, the oldest let go first.
 * A Dispatcher that runs for a whole workshop must not keep every job, its sinks and its history, forever.
 */
import type { TimerService } from '../time/timer-service.js';

export interface JobStoreLimits {
  /** jobstore.expiration-time; Flink's default is 1 h. */
  expirationMs: number;
  /** jobstore.max-capacity. */
  maxCapacity: number;
}

export class EndedJobs {
  /** Ended jobs, the earliest ended first, with the cancel function of their expiry. */
  private readonly expiries = new Map<string, () => void>();

  constructor(
    private readonly limits: JobStoreLimits,
    private readonly time: TimerService,
    private readonly forget: (jobId: string) => void,
  ) {}

  /** The job reached a terminal status; repeated reports of the same job change nothing. */
  ended(jobId: string): void {
    if (this.expiries.has(jobId)) return;
    this.expiries.set(
      jobId,
      this.time.schedule(this.limits.expirationMs, () => this.expire(jobId)),
    );
    for (const oldest of this.expiries.keys()) {
      if (this.expiries.size <= this.limits.maxCapacity) break;
      this.expire(oldest);
    }
  }

  /** Cancels the pending expiries (their timers would keep the process alive for an hour). */
  close(): void {
    for (const cancel of this.expiries.values()) cancel();
    this.expiries.clear();
  }

  private expire(jobId: string): void {
    this.expiries.get(jobId)?.();
    this.expiries.delete(jobId);
    this.forget(jobId);
  }
}
