import { describe, expect, it } from 'vitest';
import { columnAt, subtaskColumnPaths } from '../../src/network/subtask-columns';

describe('per-subtask columns as paths', () => {
  it('stacks backpressured time on busy time and cuts a second that adds up to more than 100% at the top', () => {
    const paths = subtaskColumnPaths([{ subtaskIndex: 0, busyRatio: 0.8, backPressuredRatio: 0.6 }]);
    expect(paths.busy).toBe('M0 20h8v80h-8z');
    // 60% backpressured is HIGH (§4 Backpressure: above 50%); only the 20 units above the busy part are drawn.
    expect(paths.backpressured).toEqual({ ok: '', low: '', high: 'M0 0h8v20h-8z' });
    expect(paths.width).toBe(8);
  });

  it('leaves an idle subtask as its track only, and rounds to whole percent as the figures are printed', () => {
    const paths = subtaskColumnPaths([
      { subtaskIndex: 3, busyRatio: 0, backPressuredRatio: 0 },
      { subtaskIndex: 4, busyRatio: 0.004, backPressuredRatio: 0.056 },
    ]);
    expect(paths.track).toBe('M0 0h8v100h-8zM10 0h8v100h-8z');
    expect(paths.busy).toBe('');
    expect(paths.backpressured.ok).toBe('M10 94h8v6h-8z');
  });

  it('finds the column under the pointer, clamped to the drawing', () => {
    expect(columnAt(0, 32)).toBe(0);
    expect(columnAt(0.5, 32)).toBe(16);
    expect(columnAt(1, 32)).toBe(31);
    expect(columnAt(-0.1, 32)).toBe(0);
  });
});
