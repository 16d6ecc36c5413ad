/** Metrics as the server sends them, built from only the figures a test is about. */
import type { ChannelMetricsView, RuntimeEvent, SubtaskMetrics } from '@sluice/protocol';

/** A subtask's figures: every rate and counter 0 and no input watermark unless the test names it. */
export function subtaskMetrics(
  figures: Pick<SubtaskMetrics, 'vertexId' | 'subtaskIndex'> & Partial<SubtaskMetrics>,
): SubtaskMetrics {
  return {
    recordsIn: 0,
    recordsOut: 0,
    busyMsPerSecond: 0,
    idleMsPerSecond: 0,
    backPressuredMsPerSecond: 0,
    inPoolUsage: 0,
    outPoolUsage: 0,
    currentInputWatermark: null,
    ...figures,
  };
}

/** One metrics report of a job. */
export function metricsFrame(
  jobId: string,
  timestamp: number,
  subtasks: SubtaskMetrics[],
  channels: ChannelMetricsView[] = [],
): RuntimeEvent {
  return { type: 'metrics', jobId, timestamp, channels, subtasks };
}
