/**
 * The cluster's clock and timers (Flink's Clock and ScheduledExecutor): the JobMaster, CheckpointCoordinator,
 * ResourceManager and HeartbeatManager read time and set timers only through a TimerService they are given, so
 * tests drive them with a ManualTimerService instead of sleeping. It is the engine's ProcessingTimeService: one
 * notion of "now and later" for tasks and for the processes that run them.
 */
import type { ProcessingTimeService } from '@sluice/engine';

export type TimerService = ProcessingTimeService;

/** The wall clock and the event loop's timers; a 0 delay runs at the next turn of the event loop. */
export const systemTimerService: TimerService = {
  now: () => Date.now(),
  schedule(delayMs, fn) {
    if (delayMs <= 0) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const timeout = setTimeout(fn, delayMs);
    return () => clearTimeout(timeout);
  },
};

/**
 * Runs fn every periodMs, the first time periodMs from now (Flink's scheduleAtFixedRate, without catching up: a
 * period starts when the previous run was due). Returns the cancel function.
 */
export function scheduleAtFixedRate(time: TimerService, periodMs: number, fn: () => void): () => void {
  let cancelNext: () => void;
  let cancelled = false;
  const arm = (): void => {
    cancelNext = time.schedule(periodMs, () => {
      if (cancelled) return;
      arm();
      fn();
    });
  };
  arm();
  return () => {
    cancelled = true;
    cancelNext();
  };
}

/** Resolves after delayMs on the given time service. */
export const sleep = (time: TimerService, delayMs: number): Promise<void> =>
  new Promise((resolve) => void time.schedule(delayMs, resolve));
