/** The restart strategies as pure functions of their failures and a clock (§7 Restart strategies). */
import { describe, expect, it } from 'vitest';
import {
  ExponentialDelayRestartBackoffTimeStrategy,
  FailureRateRestartBackoffTimeStrategy,
  FixedDelayRestartBackoffTimeStrategy,
  RESTART_DEFAULTS,
  restartBackoffTimeStrategyFor,
  type RestartBackoffTimeStrategy,
} from '../src/jobmaster/failover/restart-backoff-time-strategy.js';
import { ManualTimerService } from '../src/time/manual-timer-service.js';

/** The cluster's manual clock, as the strategies read it: a function of no arguments. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  const time = new ManualTimerService(1_000_000);
  return { now: () => time.now(), advance: (ms) => time.advance(ms) };
}

/** notifyFailure, then what the JobMaster asks: may it restart, and after how long. */
const fail = (strategy: RestartBackoffTimeStrategy): { canRestart: boolean; backoffMs: number } => {
  strategy.notifyFailure();
  return { canRestart: strategy.canRestart(), backoffMs: strategy.getBackoffTime() };
};

describe('RestartBackoffTimeStrategy (§7 Restart strategies)', () => {
  it('defaults to none without checkpointing and to exponential-delay with it (Flink 1.19+)', () => {
    const none = restartBackoffTimeStrategyFor({});
    expect(none.description).toBe('none');
    expect(fail(none).canRestart).toBe(false);
    const withCheckpoints = restartBackoffTimeStrategyFor(
      { checkpointing: { intervalMs: 100, mode: 'EXACTLY_ONCE' } },
      Date.now,
      () => 0.5,
    );
    expect(withCheckpoints).toBeInstanceOf(ExponentialDelayRestartBackoffTimeStrategy);
    // random 0.5 is no jitter: the first backoff is the initial 1 s.
    expect(fail(withCheckpoints)).toEqual({ canRestart: true, backoffMs: 1000 });
  });

  it('fixed-delay restarts `attempts` times after `delayMs`, then fails; defaults 1 attempt, 1 s', () => {
    const strategy = new FixedDelayRestartBackoffTimeStrategy(2, 250);
    expect([fail(strategy), fail(strategy), fail(strategy)]).toEqual([
      { canRestart: true, backoffMs: 250 },
      { canRestart: true, backoffMs: 250 },
      { canRestart: false, backoffMs: 250 },
    ]);
    const defaults = restartBackoffTimeStrategyFor({ restartStrategy: { type: 'fixed-delay' } });
    expect(defaults.description).toBe('fixed-delay (attempts 1, delay 1000 ms)');
    expect([fail(defaults).canRestart, fail(defaults).canRestart]).toEqual([true, false]);
  });

  it('failure-rate fails once more than maxFailuresPerInterval failures fall within the interval', () => {
    const clock = manualClock();
    const strategy = new FailureRateRestartBackoffTimeStrategy(clock.now, 2, 10_000, 100);
    expect(fail(strategy)).toEqual({ canRestart: true, backoffMs: 100 });
    clock.advance(4000);
    expect(fail(strategy).canRestart).toBe(true);
    // The first failure is 10 s old now: it left the interval, so this is the second in it.
    clock.advance(6000);
    expect(fail(strategy).canRestart).toBe(true);
    clock.advance(1000);
    expect(fail(strategy).canRestart).toBe(false);
    expect(restartBackoffTimeStrategyFor({ restartStrategy: { type: 'failure-rate' } }).description).toBe(
      'failure-rate (max 1 failures per 60000 ms, delay 1000 ms)',
    );
  });

  it('exponential-delay grows 1, 1.5, 2.25 ... s up to the max, and resets after the threshold without failures', () => {
    const clock = manualClock();
    const noJitter = { ...RESTART_DEFAULTS.exponentialDelay, jitterFactor: 0, maxBackoffMs: 4000 };
    const strategy = new ExponentialDelayRestartBackoffTimeStrategy(clock.now, noJitter, () => 0);
    const backoffs = Array.from({ length: 6 }, () => {
      clock.advance(10);
      return fail(strategy).backoffMs;
    });
    expect(backoffs).toEqual([1000, 1500, 2250, 3375, 4000, 4000]);
    expect(strategy.canRestart()).toBe(true);
    clock.advance(RESTART_DEFAULTS.exponentialDelay.resetBackoffThresholdMs);
    expect(fail(strategy).backoffMs).toBe(1000);
  });

  it('exponential-delay jitters each backoff by at most ±jitterFactor of it', () => {
    const clock = manualClock();
    const options = { ...RESTART_DEFAULTS.exponentialDelay, jitterFactor: 0.1 };
    expect(fail(new ExponentialDelayRestartBackoffTimeStrategy(clock.now, options, () => 0)).backoffMs).toBe(900);
    expect(fail(new ExponentialDelayRestartBackoffTimeStrategy(clock.now, options, () => 0.999999)).backoffMs).toBe(
      1100,
    );
  });

  it('exponential-delay fails after attemptsBeforeResetBackoff attempts without a reset', () => {
    const clock = manualClock();
    const strategy = restartBackoffTimeStrategyFor(
      { restartStrategy: { type: 'exponential-delay', attemptsBeforeResetBackoff: 2 } },
      clock.now,
      () => 0.5,
    );
    expect([fail(strategy).canRestart, fail(strategy).canRestart, fail(strategy).canRestart]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
