/**
 * Flink's default triggers: EventTimeTrigger [ETT] for event-time assigners, ProcessingTimeTrigger for
 * processing-time ones (§6). Both fire once at the window's maxTimestamp and never purge: the window's contents
 * live until its cleanup timer, so a late-but-allowed element fires the window again with everything in it.
 */
import { maxTimestamp, type TimeWindow } from './time-window.js';

export type TriggerResult = 'FIRE' | 'CONTINUE';

/** The trigger's view of the current key's timers and clocks (Flink's Trigger.TriggerContext). */
export interface TriggerContext {
  readonly currentWatermark: number;
  readonly currentProcessingTime: number;
  registerTimer(time: number): void;
  deleteTimer(time: number): void;
}

export interface Trigger {
  onElement(window: TimeWindow, ctx: TriggerContext): TriggerResult;
  /** A timer of the trigger's own time domain. */
  onTimer(time: number, window: TimeWindow): TriggerResult;
  onMerge(window: TimeWindow, ctx: TriggerContext): void;
  clear(window: TimeWindow, ctx: TriggerContext): void;
}

export const eventTimeTrigger: Trigger = {
  // A window whose end the watermark has already passed fires at once (a late-but-allowed element, §8 Ex 2).
  onElement: (window, ctx) => {
    if (maxTimestamp(window) <= ctx.currentWatermark) return 'FIRE';
    ctx.registerTimer(maxTimestamp(window));
    return 'CONTINUE';
  },
  onTimer: (time, window) => (time === maxTimestamp(window) ? 'FIRE' : 'CONTINUE'),
  onMerge: (window, ctx) => {
    if (maxTimestamp(window) > ctx.currentWatermark) ctx.registerTimer(maxTimestamp(window));
  },
  clear: (window, ctx) => ctx.deleteTimer(maxTimestamp(window)),
};

export const processingTimeTrigger: Trigger = {
  onElement: (window, ctx) => {
    ctx.registerTimer(maxTimestamp(window));
    return 'CONTINUE';
  },
  onTimer: (time, window) => (time === maxTimestamp(window) ? 'FIRE' : 'CONTINUE'),
  onMerge: (window, ctx) => {
    if (maxTimestamp(window) > ctx.currentProcessingTime) ctx.registerTimer(maxTimestamp(window));
  },
  clear: (window, ctx) => ctx.deleteTimer(maxTimestamp(window)),
};
