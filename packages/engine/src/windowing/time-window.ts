/**
 * Flink's TimeWindow [TW] (§6 Windows): the half-open interval [start, end) of event or processing time.
 * Its last instant, maxTimestamp = end − 1, is when it fires and the timestamp its results carry.
 */

import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../time/timestamps.js';

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

export const maxTimestamp = (window: TimeWindow): number => window.end - 1;

/** Flink's GlobalWindow, the one window of GlobalWindows: all of time, its maxTimestamp the end of time. */
export const GLOBAL_WINDOW: TimeWindow = { start: MIN_TIMESTAMP, end: MAX_TIMESTAMP + 1 };

/** A string equal for equal windows: windows are map keys and timer namespaces. */
export const windowId = (window: TimeWindow): string => `${window.start}:${window.end}`;

/**
 * TimeWindow.getWindowStartWithOffset: the start of the window of `size` (shifted by `offset`) holding `timestamp`.
 * JS `%` keeps the dividend's sign as Java's does, so negative timestamps land in the window below them.
 */
export function windowStartWithOffset(timestamp: number, offset: number, size: number): number {
  const remainder = (timestamp - offset) % size;
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

/** TimeWindow.intersects: overlapping *or touching* windows, so sessions [1,4) and [4,7) merge (§6 Session). */
export const intersects = (a: TimeWindow, b: TimeWindow): boolean => a.start <= b.end && a.end >= b.start;

/** TimeWindow.cover: the smallest window spanning both. */
export const cover = (a: TimeWindow, b: TimeWindow): TimeWindow => ({
  start: Math.min(a.start, b.start),
  end: Math.max(a.end, b.end),
});
