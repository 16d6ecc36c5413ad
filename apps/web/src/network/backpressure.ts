/**
 * Flink's backpressure status of a JobVertex (semantics §4, [BP]): a subtask's backpressured
 * ratio is backPressuredTimeMsPerSecond / 1000, and the web UI reports a vertex as backpressured as
 * its worst subtask, because one stalled subtask is enough to hold up every producer feeding it.
 */
import { backpressureLevel, type BackpressureLevel, type SubtaskMetrics } from '@sluice/protocol';

/** ms per second as a share of the second; a report may overshoot 1000 ms by a timer's jitter. */
export function perSecondRatio(msPerSecond: number): number {
  return Math.min(1, Math.max(0, msPerSecond / 1000));
}

/** One subtask's split of its second: busy, backpressured, and (the rest) idle. */
export interface SubtaskTime {
  subtaskIndex: number;
  busyRatio: number;
  backPressuredRatio: number;
}

export interface VertexBackpressure {
  /** As Flink's REST API writes it (ok, low, high); the canvas shows it upper-case, as Flink's web UI. */
  level: BackpressureLevel;
  /** The worst subtask's backpressured ratio, the one the level comes from. */
  backPressuredRatio: number;
  /** The busiest subtask's busy ratio (Flink's "Busy (max)"). */
  busyRatio: number;
  /** The subtask the level comes from. */
  worstSubtask: number;
  /** Every subtask that reported, by index: a skewed key shows as one busy subtask among idle ones. */
  subtasks: SubtaskTime[];
}

/** null when none of the vertex's subtasks has reported yet. */
export function vertexBackpressure(subtasks: readonly SubtaskMetrics[]): VertexBackpressure | null {
  if (subtasks.length === 0) return null;
  let worst = subtasks[0]!;
  let busyRatio = 0;
  for (const s of subtasks) {
    if (s.backPressuredMsPerSecond > worst.backPressuredMsPerSecond) worst = s;
    busyRatio = Math.max(busyRatio, perSecondRatio(s.busyMsPerSecond));
  }
  const backPressuredRatio = perSecondRatio(worst.backPressuredMsPerSecond);
  const times = [...subtasks]
    .sort((a, b) => a.subtaskIndex - b.subtaskIndex)
    .map((s) => ({
      subtaskIndex: s.subtaskIndex,
      busyRatio: perSecondRatio(s.busyMsPerSecond),
      backPressuredRatio: perSecondRatio(s.backPressuredMsPerSecond),
    }));
  return {
    level: backpressureLevel(backPressuredRatio),
    backPressuredRatio,
    busyRatio,
    worstSubtask: worst.subtaskIndex,
    subtasks: times,
  };
}
