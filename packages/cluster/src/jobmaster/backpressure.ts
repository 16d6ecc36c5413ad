/**
 * Flink's JobVertexBackPressureInfo from the subtasks' own time figures (§4 Backpressure): the ratio is the share of the
 * last metrics interval a subtask spent backpressured (no output buffer), and its level follows Flink's
 * thresholds. Flink samples stack traces in old versions; since 1.13 it reads the same backPressuredTimeMsPerSecond.
 */
import type { TaskMetrics } from '@sluice/engine';
import { backpressureLevel, type BackpressureLevel, type JobVertexBackPressure } from '@sluice/protocol';

const LEVEL_ORDER: readonly BackpressureLevel[] = ['ok', 'low', 'high'];

const ratioOf = (msPerSecond: number): number => Math.min(1, Math.max(0, msPerSecond / 1000));

/** `reported`: the latest metrics of the subtasks that have reported; `parallelism`: how many there are in all. */
export function vertexBackPressure(
  parallelism: number,
  reported: readonly TaskMetrics[],
  timestamp: number,
): JobVertexBackPressure {
  const subtasks = [...reported]
    .sort((a, b) => a.subtaskIndex - b.subtaskIndex)
    .map((metrics) => {
      const ratio = ratioOf(metrics.backPressuredMsPerSecond);
      return {
        subtask: metrics.subtaskIndex,
        backpressureLevel: backpressureLevel(ratio),
        ratio,
        idleRatio: ratioOf(metrics.idleMsPerSecond),
        busyRatio: ratioOf(metrics.busyMsPerSecond),
      };
    });
  const worst = subtasks.reduce(
    (level, s) => (LEVEL_ORDER.indexOf(s.backpressureLevel) > LEVEL_ORDER.indexOf(level) ? s.backpressureLevel : level),
    'ok' as BackpressureLevel,
  );
  return {
    status: subtasks.length === parallelism ? 'ok' : 'deprecated',
    backpressureLevel: worst,
    'end-timestamp': timestamp,
    subtasks,
  };
}
