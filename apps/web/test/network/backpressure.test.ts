import { describe, expect, it } from 'vitest';
import { backpressureLevel, type SubtaskMetrics } from '@sluice/protocol';
import { perSecondRatio, vertexBackpressure } from '../../src/network/backpressure';
import { subtaskMetrics } from '../support/metrics';

const subtask = (subtaskIndex: number, busyMsPerSecond: number, backPressuredMsPerSecond: number): SubtaskMetrics =>
  subtaskMetrics({
    vertexId: 'v',
    subtaskIndex,
    busyMsPerSecond,
    idleMsPerSecond: 1000 - busyMsPerSecond - backPressuredMsPerSecond,
    backPressuredMsPerSecond,
  });

describe('backpressure level (§4 Credit-based flow control, [BP]: OK ≤ 10%, LOW 10–50%, HIGH > 50%)', () => {
  it('puts each boundary on the side Flink does', () => {
    expect([0, 0.05, 0.1, 0.1001, 0.3, 0.5, 0.5001, 0.9, 1].map(backpressureLevel)).toEqual([
      'ok',
      'ok',
      'ok',
      'low',
      'low',
      'low',
      'high',
      'high',
      'high',
    ]);
  });

  it('reads the ratio from backPressuredTimeMsPerSecond, clamped to one second', () => {
    expect(perSecondRatio(100)).toBe(0.1);
    expect(perSecondRatio(1040)).toBe(1);
    expect(perSecondRatio(-3)).toBe(0);
  });

  it('rates a vertex by its worst subtask and reports its busiest subtask', () => {
    const result = vertexBackpressure([subtask(0, 700, 50), subtask(1, 300, 600), subtask(2, 880, 90)]);
    expect(result).toMatchObject({ level: 'high', backPressuredRatio: 0.6, busyRatio: 0.88, worstSubtask: 1 });
    expect(vertexBackpressure([subtask(1, 900, 0), subtask(0, 400, 101)])).toEqual({
      level: 'low',
      backPressuredRatio: 0.101,
      busyRatio: 0.9,
      worstSubtask: 0,
      // every subtask's own split of its second, in subtask order, so a skewed key shows as one busy column
      subtasks: [
        { subtaskIndex: 0, busyRatio: 0.4, backPressuredRatio: 0.101 },
        { subtaskIndex: 1, busyRatio: 0.9, backPressuredRatio: 0 },
      ],
    });
    expect(vertexBackpressure([])).toBeNull();
  });
});
