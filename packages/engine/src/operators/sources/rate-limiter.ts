/**
 * A job-wide ratePerSecond shared evenly by the source's subtasks (as Flink's RateLimiterStrategy.perSecond
 * for a DataGeneratorSource): a subtask may have emitted `elapsed × rate / parallelism` records by now.
 */
import type { ProcessingTimeService } from '../../task/host.js';

export class RateLimiter {
  private readonly recordsPerMs: number;
  private startedAt: number | undefined;

  constructor(
    ratePerSecond: number,
    parallelism: number,
    private readonly time: ProcessingTimeService,
  ) {
    this.recordsPerMs = ratePerSecond / parallelism / 1000;
  }

  /** How many more records may go out now, given how many went out so far. */
  permits(emittedSoFar: number): number {
    const now = this.time.now();
    this.startedAt ??= now;
    // The first record goes out at once; then one every 1/rate.
    return Math.max(0, Math.floor((now - this.startedAt) * this.recordsPerMs) + 1 - emittedSoFar);
  }

  /** Milliseconds until the next permit, given how many records went out so far. */
  msUntilNextPermit(emittedSoFar: number): number {
    const now = this.time.now();
    const dueAt = (this.startedAt ?? now) + emittedSoFar / this.recordsPerMs;
    return Math.max(1, Math.ceil(dueAt - now));
  }
}
