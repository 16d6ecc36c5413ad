/**
 * The geometry of an operator node's per-subtask columns (busy time from the bottom, backpressured time on
 * top of it, the gap idle), drawn as one SVG of a few paths instead of elements per subtask: at parallelism
 * 32 a graph of 200 operators would otherwise hold ~20 000 elements that the browser lays out, paints and
 * layerizes on every metrics frame. Heights are whole percentages of a 100-unit view box, as the figures
 * are printed, so a frame whose rounded figures did not move yields the same strings.
 */
import { backpressureLevel, type BackpressureLevel } from '@sluice/protocol';
import type { SubtaskTime } from './backpressure';

export const COLUMN_WIDTH = 8;
export const COLUMN_GAP = 2;
export const COLUMN_HEIGHT = 100;

export interface SubtaskColumnPaths {
  /** The view box's width for this many columns. */
  width: number;
  /** Every column's full height (idle background). */
  track: string;
  busy: string;
  /** Backpressured time, one path per level so each column takes its own subtask's colour. */
  backpressured: Record<BackpressureLevel, string>;
}

function rect(x: number, y: number, height: number): string {
  return `M${x} ${y}h${COLUMN_WIDTH}v${height}h-${COLUMN_WIDTH}z`;
}

/** Whole percent, as `percent()` prints it. */
function share(ratio: number): number {
  return Math.round(Math.min(1, Math.max(0, ratio)) * 100);
}

/** The column of subtask `s` is the `position`-th from the left (subtasks come sorted by index). */
export function subtaskColumnPaths(subtasks: readonly SubtaskTime[]): SubtaskColumnPaths {
  let track = '';
  let busy = '';
  const backpressured: Record<BackpressureLevel, string> = { ok: '', low: '', high: '' };
  subtasks.forEach((s, position) => {
    const x = position * (COLUMN_WIDTH + COLUMN_GAP);
    track += rect(x, 0, COLUMN_HEIGHT);
    const b = share(s.busyRatio);
    // A report may add up to a little over the second (timer jitter): the backpressured part is cut at the top.
    const bp = Math.min(share(s.backPressuredRatio), COLUMN_HEIGHT - b);
    if (b > 0) busy += rect(x, COLUMN_HEIGHT - b, b);
    if (bp > 0) backpressured[backpressureLevel(s.backPressuredRatio)] += rect(x, COLUMN_HEIGHT - b - bp, bp);
  });
  return { width: Math.max(0, subtasks.length * (COLUMN_WIDTH + COLUMN_GAP) - COLUMN_GAP), track, busy, backpressured };
}

/** The position of the column under a horizontal offset (0..1 of the drawing's width), for the hover title. */
export function columnAt(fraction: number, columns: number): number {
  return Math.min(columns - 1, Math.max(0, Math.floor(fraction * columns)));
}
