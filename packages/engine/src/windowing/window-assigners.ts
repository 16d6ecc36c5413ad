/**
 * Flink's WindowAssigners [TEW][SEW] and session windows (§6 Windows), in event or processing time. The operator
 * hands each assigner the element's timestamp (event time) or the task's clock (processing time).
 */
import type { ParamsOf } from '@sluice/model';
import { cover, GLOBAL_WINDOW, intersects, windowStartWithOffset, type TimeWindow } from './time-window.js';

export interface MergeGroup {
  /** The window covering every window of the group. */
  result: TimeWindow;
  /** Two or more windows that become `result`. */
  merged: TimeWindow[];
}

export interface WindowAssigner {
  readonly isEventTime: boolean;
  /** GlobalWindows (count and global windows): one window for all time; results carry no start and end. */
  readonly isGlobal?: boolean;
  assignWindows(timestamp: number): TimeWindow[];
  /** Only merging assigners (sessions): groups of windows to merge (Flink's MergingWindowAssigner#mergeWindows). */
  mergeWindows?(windows: readonly TimeWindow[]): MergeGroup[];
}

export type AssignerParams = ParamsOf<'window'>['assigner'];

/** Flink's GlobalWindows: every element of a key in the one global window; it needs no timestamp. */
const globalWindows: WindowAssigner = { isEventTime: false, isGlobal: true, assignWindows: () => [GLOBAL_WINDOW] };

export function createWindowAssigner(params: AssignerParams, field: string): WindowAssigner {
  if (params.type === 'count' || params.type === 'global') return globalWindows;
  const isEventTime = params.time === 'event';
  switch (params.type) {
    case 'tumbling': {
      const { sizeMs: size, offsetMs: offset = 0 } = params;
      // TumblingEventTimeWindows.of rejects these too.
      if (Math.abs(offset) >= size)
        throw new Error(`${field}.offsetMs: must satisfy |offsetMs| < sizeMs (${size}), got ${offset}`);
      return {
        isEventTime,
        assignWindows: (timestamp) => {
          const start = windowStartWithOffset(timestamp, offset, size);
          return [{ start, end: start + size }];
        },
      };
    }
    case 'sliding': {
      const { sizeMs: size, slideMs: slide, offsetMs: offset = 0 } = params;
      if (Math.abs(offset) >= slide)
        throw new Error(`${field}.offsetMs: must satisfy |offsetMs| < slideMs (${slide}), got ${offset}`);
      return {
        isEventTime,
        // §6 Sliding: every window of `size` starting at a multiple of `slide` that holds the timestamp, newest first.
        assignWindows: (timestamp) => {
          const windows: TimeWindow[] = [];
          for (let start = windowStartWithOffset(timestamp, offset, slide); start > timestamp - size; start -= slide) {
            windows.push({ start, end: start + size });
          }
          return windows;
        },
      };
    }
    case 'session': {
      const gap = params.gapMs;
      return {
        isEventTime,
        assignWindows: (timestamp) => [{ start: timestamp, end: timestamp + gap }],
        mergeWindows: mergeOverlapping,
      };
    }
  }
}

/** A sliding count window is Flink's countWindow(size, slide): GlobalWindows behind a CountEvictor of `size`. */
export function countEvictor(params: AssignerParams): { maxCount: number } | undefined {
  return params.type === 'count' && params.slide !== undefined ? { maxCount: params.size } : undefined;
}

/**
 * TimeWindow.mergeWindows: sorted by start, each window joins the current group while it intersects the group's
 * cover (touching counts, §6 Session); groups of one window are left alone.
 */
export function mergeOverlapping(windows: readonly TimeWindow[]): MergeGroup[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const groups: MergeGroup[] = [];
  let current: MergeGroup | undefined;
  for (const window of sorted) {
    if (current && intersects(current.result, window)) {
      current.result = cover(current.result, window);
      current.merged.push(window);
    } else {
      if (current && current.merged.length > 1) groups.push(current);
      current = { result: window, merged: [window] };
    }
  }
  if (current && current.merged.length > 1) groups.push(current);
  return groups;
}
