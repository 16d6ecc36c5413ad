/**
 * Flink's Triggers (§6 EventTimeTrigger, §6 ProcessingTimeTrigger and the others Flink ships): when a window emits
 * its contents. The default triggers fire once at the window's maxTimestamp and never purge, so a late-but-allowed
 * element fires the window again with everything in it. A window's `trigger` param replaces its assigner's default
 * (design.md: eventTime, processingTime, count, continuousEventTime, each optionally purging).
 */
import type { ParamsOf } from '@sluice/model';
import { MAX_TIMESTAMP } from '../time/timestamps.js';
import { maxTimestamp, type TimeWindow } from './time-window.js';

/** Flink's TriggerResult: whether to emit the window, and whether to clear its contents after (purge). */
export type TriggerResult = 'CONTINUE' | 'FIRE' | 'PURGE' | 'FIRE_AND_PURGE';

export const fires = (result: TriggerResult): boolean => result === 'FIRE' || result === 'FIRE_AND_PURGE';
export const purges = (result: TriggerResult): boolean => result === 'PURGE' || result === 'FIRE_AND_PURGE';

/** The trigger's view of one (key, window): its timers, the clocks, and a number of its own (Flink's trigger state). */
export interface TriggerContext {
  readonly currentWatermark: number;
  readonly currentProcessingTime: number;
  registerEventTimeTimer(time: number): void;
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
  /** The trigger's state of this (key, window): a count, a next firing time; undefined when none. */
  readonly state: number | undefined;
  setState(value: number | undefined): void;
}

export interface Trigger {
  onElement(timestamp: number, window: TimeWindow, ctx: TriggerContext): TriggerResult;
  onEventTime(time: number, window: TimeWindow, ctx: TriggerContext): TriggerResult;
  onProcessingTime(time: number, window: TimeWindow, ctx: TriggerContext): TriggerResult;
  /** Session windows merged into `window`; `merged` holds the merged windows' trigger states. */
  onMerge(window: TimeWindow, ctx: TriggerContext, merged: (number | undefined)[]): void;
  clear(window: TimeWindow, ctx: TriggerContext): void;
}

const CONTINUE = (): TriggerResult => 'CONTINUE';

export const eventTimeTrigger: Trigger = {
  // A window whose end the watermark has already passed fires at once (a late-but-allowed element, §8 Ex 2).
  onElement: (_timestamp, window, ctx) => {
    if (maxTimestamp(window) <= ctx.currentWatermark) return 'FIRE';
    ctx.registerEventTimeTimer(maxTimestamp(window));
    return 'CONTINUE';
  },
  onEventTime: (time, window) => (time === maxTimestamp(window) ? 'FIRE' : 'CONTINUE'),
  onProcessingTime: CONTINUE,
  onMerge: (window, ctx) => {
    if (maxTimestamp(window) > ctx.currentWatermark) ctx.registerEventTimeTimer(maxTimestamp(window));
  },
  clear: (window, ctx) => ctx.deleteEventTimeTimer(maxTimestamp(window)),
};

export const processingTimeTrigger: Trigger = {
  onElement: (_timestamp, window, ctx) => {
    ctx.registerProcessingTimeTimer(maxTimestamp(window));
    return 'CONTINUE';
  },
  onEventTime: CONTINUE,
  onProcessingTime: (time, window) => (time === maxTimestamp(window) ? 'FIRE' : 'CONTINUE'),
  onMerge: (window, ctx) => {
    if (maxTimestamp(window) > ctx.currentProcessingTime) ctx.registerProcessingTimeTimer(maxTimestamp(window));
  },
  clear: (window, ctx) => ctx.deleteProcessingTimeTimer(maxTimestamp(window)),
};

/** Flink's CountTrigger: fires every `count` elements of the window; the count starts again after each firing. */
export function countTrigger(count: number): Trigger {
  return {
    onElement: (_timestamp, _window, ctx) => {
      const seen = (ctx.state ?? 0) + 1;
      if (seen < count) {
        ctx.setState(seen);
        return 'CONTINUE';
      }
      ctx.setState(undefined);
      return 'FIRE';
    },
    onEventTime: CONTINUE,
    onProcessingTime: CONTINUE,
    onMerge: (_window, ctx, merged) => {
      const seen = merged.reduce<number>((sum, n) => sum + (n ?? 0), 0);
      ctx.setState(seen === 0 ? undefined : seen);
    },
    clear: (_window, ctx) => ctx.setState(undefined),
  };
}

/**
 * Flink's ContinuousEventTimeTrigger: fires every `interval` of event time while the window is open (at the ends of
 * the intervals, aligned to multiples of `interval`, never past the window's end), and at the window's end.
 */
export function continuousEventTimeTrigger(interval: number): Trigger {
  const scheduleNext = (time: number, window: TimeWindow, ctx: TriggerContext) => {
    const next = Math.min(time + interval, maxTimestamp(window));
    ctx.setState(next);
    ctx.registerEventTimeTimer(next);
  };
  return {
    onElement: (timestamp, window, ctx) => {
      if (maxTimestamp(window) <= ctx.currentWatermark) return 'FIRE';
      ctx.registerEventTimeTimer(maxTimestamp(window));
      if (ctx.state === undefined)
        scheduleNext(timestamp - (((timestamp % interval) + interval) % interval), window, ctx);
      return 'CONTINUE';
    },
    onEventTime: (time, window, ctx) => {
      if (time === maxTimestamp(window)) return 'FIRE';
      if (ctx.state !== time) return 'CONTINUE';
      scheduleNext(time, window, ctx);
      return 'FIRE';
    },
    onProcessingTime: CONTINUE,
    onMerge: (window, ctx, merged) => {
      const pending = merged.filter((t): t is number => t !== undefined);
      if (maxTimestamp(window) > ctx.currentWatermark) ctx.registerEventTimeTimer(maxTimestamp(window));
      if (pending.length === 0) return ctx.setState(undefined);
      ctx.setState(Math.min(...pending));
      ctx.registerEventTimeTimer(Math.min(...pending));
    },
    clear: (window, ctx) => {
      if (ctx.state !== undefined) ctx.deleteEventTimeTimer(ctx.state);
      ctx.deleteEventTimeTimer(maxTimestamp(window));
      ctx.setState(undefined);
    },
  };
}

/** GlobalWindows' default trigger (Flink's NeverTrigger): a global window without a trigger of its own never fires. */
export const neverTrigger: Trigger = {
  onElement: CONTINUE,
  onEventTime: CONTINUE,
  onProcessingTime: CONTINUE,
  onMerge: () => {},
  clear: () => {},
};

/** Flink's PurgingTrigger: every FIRE of the wrapped trigger becomes FIRE_AND_PURGE. */
export function purging(trigger: Trigger): Trigger {
  const purge = (result: TriggerResult): TriggerResult => (result === 'FIRE' ? 'FIRE_AND_PURGE' : result);
  return {
    onElement: (timestamp, window, ctx) => purge(trigger.onElement(timestamp, window, ctx)),
    onEventTime: (time, window, ctx) => purge(trigger.onEventTime(time, window, ctx)),
    onProcessingTime: (time, window, ctx) => purge(trigger.onProcessingTime(time, window, ctx)),
    onMerge: (window, ctx, merged) => trigger.onMerge(window, ctx, merged),
    clear: (window, ctx) => trigger.clear(window, ctx),
  };
}

type WindowParams = ParamsOf<'window'>;

/**
 * The window's trigger: its `trigger` param, else the assigner's default (Flink's WindowAssigner#getDefaultTrigger,
 * and countWindow's PurgingTrigger(CountTrigger(size)) or, sliding, CountTrigger(slide) behind a CountEvictor).
 */
export function createTrigger({ assigner, trigger }: Pick<WindowParams, 'assigner' | 'trigger'>): Trigger {
  if (trigger) {
    const base =
      trigger.type === 'eventTime'
        ? eventTimeTrigger
        : trigger.type === 'processingTime'
          ? processingTimeTrigger
          : trigger.type === 'count'
            ? countTrigger(trigger.count!)
            : continuousEventTimeTrigger(trigger.intervalMs!);
    return trigger.purging ? purging(base) : base;
  }
  switch (assigner.type) {
    case 'count':
      return assigner.slide === undefined ? purging(countTrigger(assigner.size)) : countTrigger(assigner.slide);
    case 'global':
      return neverTrigger;
    default:
      return assigner.time === 'event' ? eventTimeTrigger : processingTimeTrigger;
  }
}

/** A processing-time timer at the end of time would never fire, and no clock can wait that long. */
export const isEndOfTime = (time: number): boolean => time >= MAX_TIMESTAMP;
