/**
 * Flink's RestartBackoffTimeStrategy (§7 Restart strategies): after each failure the JobMaster tells the strategy
 * (notifyFailure), then asks whether the job may restart (canRestart) and how long to wait first (getBackoffTime).
 * Pure: time comes from the `clock` given, randomness (exponential-delay's jitter) from `random`, so each strategy
 * is unit-tested without timers.
 */
import type { JobConfig, RestartStrategyConfig } from '@sluice/model';

export interface RestartBackoffTimeStrategy {
  notifyFailure(): void;
  canRestart(): boolean;
  getBackoffTime(): number;
  /** How the strategy describes itself on the checkpoint/exception views, e.g. "fixed-delay (attempts 3, delay 1000 ms)". */
  readonly description: string;
}

export type Clock = () => number;

/** restart-strategy: none. */
export class NoRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  readonly description = 'none';
  notifyFailure(): void {}
  canRestart(): boolean {
    return false;
  }
  getBackoffTime(): number {
    return 0;
  }
}

/** restart-strategy: fixed-delay: at most `attempts` restarts in the job's life, each after `delayMs`. */
export class FixedDelayRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  private failures = 0;

  constructor(
    private readonly attempts: number,
    private readonly delayMs: number,
  ) {}

  get description(): string {
    return `fixed-delay (attempts ${this.attempts}, delay ${this.delayMs} ms)`;
  }

  notifyFailure(): void {
    this.failures++;
  }

  canRestart(): boolean {
    return this.failures <= this.attempts;
  }

  getBackoffTime(): number {
    return this.delayMs;
  }
}

/**
 * restart-strategy: failure-rate: the job fails once more than `maxFailuresPerInterval` failures fall within one
 * `failureRateIntervalMs` (counting back from the latest); otherwise it restarts after `delayMs`.
 */
export class FailureRateRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  private failureTimestamps: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly maxFailuresPerInterval: number,
    private readonly failureRateIntervalMs: number,
    private readonly delayMs: number,
  ) {}

  get description(): string {
    return `failure-rate (max ${this.maxFailuresPerInterval} failures per ${this.failureRateIntervalMs} ms, delay ${this.delayMs} ms)`;
  }

  notifyFailure(): void {
    const now = this.clock();
    this.failureTimestamps = [...this.failureTimestamps.filter((t) => now - t < this.failureRateIntervalMs), now];
  }

  canRestart(): boolean {
    return this.failureTimestamps.length <= this.maxFailuresPerInterval;
  }

  getBackoffTime(): number {
    return this.delayMs;
  }
}

export interface ExponentialDelayOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
  backoffMultiplier: number;
  resetBackoffThresholdMs: number;
  jitterFactor: number;
  attemptsBeforeResetBackoff: number;
}

/**
 * restart-strategy: exponential-delay: the backoff starts at `initialBackoffMs` and is multiplied by
 * `backoffMultiplier` after every failure, up to `maxBackoffMs` (1, 1.5, 2.25 ... s by default). A failure more
 * than `resetBackoffThresholdMs` after the previous one starts over at the initial backoff and attempt count.
 * Each backoff gets a random jitter of ±`jitterFactor` of itself, so that many jobs failing together do not restart
 * in lockstep; the job fails once more than `attemptsBeforeResetBackoff` attempts were made without a reset.
 */
export class ExponentialDelayRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  private currentBackoffMs = 0;
  private attempts = 0;
  private lastFailure: number | undefined;
  private backoffMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: ExponentialDelayOptions,
    /** A number in [0, 1): Math.random in the JobMaster. */
    private readonly random: () => number,
  ) {}

  get description(): string {
    const o = this.options;
    return `exponential-delay (initial ${o.initialBackoffMs} ms, ×${o.backoffMultiplier}, max ${o.maxBackoffMs} ms, jitter ±${o.jitterFactor * 100}%, reset after ${o.resetBackoffThresholdMs} ms)`;
  }

  notifyFailure(): void {
    const now = this.clock();
    const { initialBackoffMs, maxBackoffMs, backoffMultiplier, resetBackoffThresholdMs, jitterFactor } = this.options;
    if (this.lastFailure === undefined || now - this.lastFailure >= resetBackoffThresholdMs) {
      this.currentBackoffMs = Math.min(initialBackoffMs, maxBackoffMs);
      this.attempts = 0;
    } else this.currentBackoffMs = Math.min(this.currentBackoffMs * backoffMultiplier, maxBackoffMs);
    this.attempts++;
    this.lastFailure = now;
    const jitter = this.currentBackoffMs * jitterFactor * (2 * this.random() - 1);
    this.backoffMs = Math.max(0, Math.min(maxBackoffMs, Math.round(this.currentBackoffMs + jitter)));
  }

  canRestart(): boolean {
    return this.attempts <= this.options.attemptsBeforeResetBackoff;
  }

  getBackoffTime(): number {
    return this.backoffMs;
  }
}

/** Flink's defaults (RestartStrategyOptions). */
export const RESTART_DEFAULTS = {
  fixedDelay: { attempts: 1, delayMs: 1000 },
  failureRate: { maxFailuresPerInterval: 1, failureRateIntervalMs: 60_000, delayMs: 1000 },
  exponentialDelay: {
    initialBackoffMs: 1000,
    maxBackoffMs: 60_000,
    backoffMultiplier: 1.5,
    resetBackoffThresholdMs: 3_600_000,
    jitterFactor: 0.1,
    attemptsBeforeResetBackoff: Number.POSITIVE_INFINITY,
  } satisfies ExponentialDelayOptions,
} as const;

/**
 * The job's strategy: the configured one, else (as Flink 1.19+, FLINK-33738) exponential-delay with checkpointing
 * and none without: a job that cannot resume from a checkpoint is not restarted unless asked.
 */
export function restartBackoffTimeStrategyFor(
  config: JobConfig,
  clock: Clock = Date.now,
  random: () => number = Math.random,
): RestartBackoffTimeStrategy {
  const chosen: RestartStrategyConfig =
    config.restartStrategy ?? (config.checkpointing ? { type: 'exponential-delay' } : { type: 'none' });
  switch (chosen.type) {
    case 'none':
      return new NoRestartBackoffTimeStrategy();
    case 'fixed-delay': {
      const { attempts, delayMs } = { ...RESTART_DEFAULTS.fixedDelay, ...definedOf(chosen) };
      return new FixedDelayRestartBackoffTimeStrategy(attempts, delayMs);
    }
    case 'failure-rate': {
      const { maxFailuresPerInterval, failureRateIntervalMs, delayMs } = {
        ...RESTART_DEFAULTS.failureRate,
        ...definedOf(chosen),
      };
      return new FailureRateRestartBackoffTimeStrategy(clock, maxFailuresPerInterval, failureRateIntervalMs, delayMs);
    }
    case 'exponential-delay': {
      const { type: _type, ...options } = { ...RESTART_DEFAULTS.exponentialDelay, ...definedOf(chosen) };
      return new ExponentialDelayRestartBackoffTimeStrategy(clock, options, random);
    }
  }
}

/** The fields actually set, so that an explicit `undefined` does not hide a default. */
function definedOf<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
