/**
 * The live plots' series, derived from the runtime events the UI already receives (no extra requests):
 * - throughput: records/s leaving each JobVertex, from the growth of its subtasks' cumulative recordsOut over
 *   the last RATE_WINDOW_MS (§ Metrics: numRecordsOutPerSecond is Flink's windowed rate of the same counter);
 * - watermark lag: wall clock (the metrics event's timestamp) minus the vertex's currentInputWatermark, the
 *   minimum over its subtasks as Flink defines a task's input watermark (§5 Watermarks); none before the
 *   first watermark;
 * - checkpoints: duration and state size of every completed checkpoint (§7 Checkpoints);
 * - buffers: per TaskManager, the share of its network memory holding data (bytesInUse / totalBytes).
 * Every series keeps its newest PLOT_CAPACITY samples, so a job that runs for hours keeps the same memory.
 */
import type { RuntimeEvent } from '@sluice/protocol';

export const PLOT_CAPACITY = 300;

/** A subtask that has not reported for this long has ended or been lost: it no longer adds to its vertex. */
const STALE_AFTER_MS = 1500;

/**
 * How far back a rate looks. A subtask's counter reaches the metrics in steps (a buffer's worth of records at a
 * time), so the rate between two consecutive reports saw-tooths around a steady source's rate; over a window of
 * several reports the steps average out. Flink's MeterView does the same over 60 s; 5 s still shows backpressure
 * building within a few seconds.
 */
export const RATE_WINDOW_MS = 5000;

export interface SubtaskSample {
  timestamp: number;
  recordsOut: number;
  /** records/s over the last RATE_WINDOW_MS of reports; null until the subtask reported twice. */
  rate: number | null;
  watermark: number | null;
  /** The reports the rate spans, oldest first: the newest one at or before the window's start, and every later one. */
  times: number[];
  counts: number[];
}

export interface PlotSeries {
  jobId: string | null;
  throughput: AlignedSeries;
  watermarkLag: AlignedSeries;
  checkpoints: { ids: number[]; durationMs: number[]; stateSizeBytes: number[] };
  buffers: AlignedSeries;
  /**
   * Per vertex, by subtask index, each subtask's latest report: the counter to turn into a rate, the rate, the
   * watermark. A Map of arrays rather than a key per subtask: a frame of thousands of subtasks builds no keys.
   */
  subtasks: Map<string, (SubtaskSample | undefined)[]>;
}

/** Samples at shared times; each key's column has one entry per time (null where the key had no value). */
export class AlignedSeries {
  readonly times: (number | null)[] = [];
  readonly columns = new Map<string, (number | null)[]>();

  constructor(readonly capacity: number) {}

  /** Adds one sample at `time` (ms) with the given values; keys missing from `values` get null. */
  add(time: number, values: ReadonlyMap<string, number>): void {
    this.times.push(time / 1000);
    for (const key of values.keys()) {
      if (!this.columns.has(key))
        this.columns.set(
          key,
          Array.from({ length: this.times.length - 1 }, () => null),
        );
    }
    for (const [key, column] of this.columns) column.push(values.get(key) ?? null);
    if (this.times.length > this.capacity) {
      this.times.shift();
      for (const column of this.columns.values()) column.shift();
    }
  }

  get keys(): string[] {
    return [...this.columns.keys()];
  }

  /** uPlot's AlignedData: [times, ...columns in key order]. */
  data(): (number | null)[][] {
    return [this.times, ...this.keys.map((key) => this.columns.get(key)!)];
  }
}

export function emptyPlotSeries(jobId: string | null = null, capacity = PLOT_CAPACITY): PlotSeries {
  return {
    jobId,
    throughput: new AlignedSeries(capacity),
    watermarkLag: new AlignedSeries(capacity),
    checkpoints: { ids: [], durationMs: [], stateSizeBytes: [] },
    buffers: new AlignedSeries(capacity),
    subtasks: new Map(),
  };
}

function pushBounded(array: number[], value: number, capacity: number): void {
  array.push(value);
  if (array.length > capacity) array.shift();
}

/**
 * Folds one event into the series, in place (the plots redraw from it at their own pace). A job-scoped
 * event of another job starts the series afresh: the plots show the job that runs now.
 */
export function applyPlotEvent(plots: PlotSeries, event: RuntimeEvent): PlotSeries {
  const target =
    'jobId' in event && typeof event.jobId === 'string' && event.jobId !== plots.jobId && isJobFigure(event)
      ? emptyPlotSeries(event.jobId, plots.throughput.capacity)
      : plots;
  switch (event.type) {
    case 'metrics': {
      // A metrics event may carry only some subtasks (one TaskManager's): a vertex's figure combines the
      // latest report of each of its subtasks, among those that reported recently (an ended subtask stops).
      const touched = new Set<string>();
      for (const s of event.subtasks) {
        let samples = target.subtasks.get(s.vertexId);
        if (!samples) {
          samples = [];
          target.subtasks.set(s.vertexId, samples);
        }
        // In place once the subtask has a sample: a frame of thousands of subtasks then allocates no objects (the series are mutable anyway).
        const sample = (samples[s.subtaskIndex] ??= {
          timestamp: 0,
          recordsOut: 0,
          rate: null,
          watermark: null,
          times: [],
          counts: [],
        });
        const { times, counts } = sample;
        // A restarted attempt counts from 0 again: its rate starts over rather than going negative.
        if (counts.length > 0 && s.recordsOut < sample.recordsOut) {
          times.length = 0;
          counts.length = 0;
          sample.rate = 0;
        }
        times.push(event.timestamp);
        counts.push(s.recordsOut);
        while (times.length > 2 && event.timestamp - times[1]! >= RATE_WINDOW_MS) {
          times.shift();
          counts.shift();
        }
        const seconds = (event.timestamp - times[0]!) / 1000;
        // The first report of a subtask has no earlier counter to subtract: it gives no rate yet.
        if (seconds > 0) sample.rate = (s.recordsOut - counts[0]!) / seconds;
        sample.timestamp = event.timestamp;
        sample.recordsOut = s.recordsOut;
        sample.watermark = s.currentInputWatermark;
        touched.add(s.vertexId);
      }
      const rates = new Map<string, number>();
      const watermarks = new Map<string, number>();
      // In the order the vertices first reported, so the plots' columns keep theirs.
      for (const [vertexId, samples] of target.subtasks) {
        if (!touched.has(vertexId)) continue;
        for (const sample of samples) {
          if (!sample || event.timestamp - sample.timestamp > STALE_AFTER_MS) continue;
          if (sample.rate !== null) rates.set(vertexId, (rates.get(vertexId) ?? 0) + sample.rate);
          if (sample.watermark !== null) {
            const current = watermarks.get(vertexId);
            watermarks.set(vertexId, current === undefined ? sample.watermark : Math.min(current, sample.watermark));
          }
        }
      }
      if (rates.size > 0) target.throughput.add(event.timestamp, rates);
      if (watermarks.size > 0) {
        const lag = new Map<string, number>();
        for (const [vertexId, watermark] of watermarks) lag.set(vertexId, Math.max(0, event.timestamp - watermark));
        target.watermarkLag.add(event.timestamp, lag);
      }
      return target;
    }
    case 'checkpoint.completed': {
      const capacity = target.throughput.capacity;
      pushBounded(target.checkpoints.ids, event.checkpointId, capacity);
      pushBounded(target.checkpoints.durationMs, event.durationMs, capacity);
      pushBounded(target.checkpoints.stateSizeBytes, event.stateSizeBytes, capacity);
      return target;
    }
    case 'taskmanager.metrics': {
      const { totalBytes, bytesInUse } = event.metrics.bufferPool;
      target.buffers.add(
        event.timestamp,
        new Map([[event.taskManagerId, totalBytes > 0 ? bytesInUse / totalBytes : 0]]),
      );
      return target;
    }
    default:
      return target;
  }
}

/** Events whose job starts a new set of plots (a sink's records do not, they never come first). */
function isJobFigure(event: RuntimeEvent): boolean {
  return event.type === 'metrics' || event.type === 'checkpoint.completed';
}
