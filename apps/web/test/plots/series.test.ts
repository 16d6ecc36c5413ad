import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '@sluice/protocol';
import { applyPlotEvent, emptyPlotSeries, RATE_WINDOW_MS, type PlotSeries } from '../../src/plots/series';

function metrics(
  jobId: string,
  timestamp: number,
  subtasks: { vertexId: string; subtaskIndex: number; recordsOut: number; watermark?: number | null }[],
): RuntimeEvent {
  return {
    type: 'metrics',
    jobId,
    timestamp,
    channels: [],
    subtasks: subtasks.map((s) => ({
      vertexId: s.vertexId,
      subtaskIndex: s.subtaskIndex,
      recordsIn: 0,
      recordsOut: s.recordsOut,
      busyMsPerSecond: 0,
      idleMsPerSecond: 1000,
      backPressuredMsPerSecond: 0,
      inPoolUsage: 0,
      outPoolUsage: 0,
      currentInputWatermark: s.watermark ?? null,
    })),
  };
}

function fold(events: RuntimeEvent[], capacity = 300): PlotSeries {
  return events.reduce(applyPlotEvent, emptyPlotSeries(null, capacity));
}

describe('plot series (Flink metrics: numRecordsOutPerSecond, currentInputWatermark, §5 Watermarks, §7 Checkpoints)', () => {
  it("throughput is the sum over a vertex's subtasks of recordsOut deltas per second; the first report gives no rate", () => {
    const plots = fold([
      metrics('j', 10_000, [
        { vertexId: 'a', subtaskIndex: 0, recordsOut: 100 },
        { vertexId: 'a', subtaskIndex: 1, recordsOut: 50 },
      ]),
      metrics('j', 10_500, [
        { vertexId: 'a', subtaskIndex: 0, recordsOut: 200 },
        { vertexId: 'a', subtaskIndex: 1, recordsOut: 100 },
      ]),
      metrics('j', 11_500, [
        { vertexId: 'a', subtaskIndex: 0, recordsOut: 300 },
        { vertexId: 'a', subtaskIndex: 1, recordsOut: 100 },
      ]),
    ]);
    // Over the window so far: 0.5 s: (100 + 50) / 0.5 = 300/s; 1.5 s: 200 / 1.5 + 50 / 1.5 (each subtask's rate, summed).
    expect(plots.throughput.data()).toEqual([
      [10.5, 11.5],
      [300, 200 / 1.5 + 50 / 1.5],
    ]);
  });

  it('a steady source whose counter arrives in buffer-sized steps plots a steady rate, not a saw-tooth', () => {
    // 200 records/s, reported every 500 ms, but the counter only moves in steps of 128 records (a full buffer).
    const events = Array.from({ length: 41 }, (_, i) =>
      metrics('j', i * 500, [
        { vertexId: 'src', subtaskIndex: 0, recordsOut: Math.floor((200 * i * 0.5) / 128) * 128 },
      ]),
    );
    const [times, rates] = fold(events).throughput.data() as [number[], number[]];
    const settled = rates.filter((_, i) => times[i]! >= RATE_WINDOW_MS / 1000);
    expect(settled).toHaveLength(31);
    // One step of 128 records over a 5 s window is off by at most 25.6 records/s.
    for (const rate of settled) expect(Math.abs(rate - 200)).toBeLessThanOrEqual(128 / (RATE_WINDOW_MS / 1000));
    // Report to report, the same counter swings between 0 and 256 records/s.
    const perReport = events.slice(1).map((_, i) => {
      const [a, b] = [events[i]!, events[i + 1]!] as { subtasks: { recordsOut: number }[] }[];
      return (b!.subtasks[0]!.recordsOut - a!.subtasks[0]!.recordsOut) / 0.5;
    });
    expect(Math.min(...perReport)).toBe(0);
    expect(Math.max(...perReport)).toBe(256);
  });

  it("subtasks reported in separate events (one per TaskManager) add up to the vertex's rate; an ended subtask stops counting", () => {
    const plots = fold([
      metrics('j', 0, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 0 }]),
      metrics('j', 100, [{ vertexId: 'a', subtaskIndex: 1, recordsOut: 0 }]),
      metrics('j', 1000, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 100 }]),
      metrics('j', 1100, [{ vertexId: 'a', subtaskIndex: 1, recordsOut: 300 }]),
      // Subtask 1 reports no more (it ended): 1.5 s later it is no longer part of the sum.
      metrics('j', 3000, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 300 }]),
    ]);
    // 100/s from subtask 0; then 100 + 300; then only subtask 0 at (300 − 100) / 2 s.
    expect(plots.throughput.data()).toEqual([
      [1, 1.1, 3],
      [100, 400, 100],
    ]);
  });

  it('a restarted subtask whose counter went back does not plot a negative rate', () => {
    const plots = fold([
      metrics('j', 0, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 500 }]),
      metrics('j', 1000, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 20 }]),
    ]);
    expect(plots.throughput.data()).toEqual([[1], [0]]);
  });

  it("watermark lag is wall clock minus the minimum currentInputWatermark over the vertex's subtasks", () => {
    const plots = fold([
      metrics('j', 5000, [
        { vertexId: 'w', subtaskIndex: 0, recordsOut: 0, watermark: 4000 },
        { vertexId: 'w', subtaskIndex: 1, recordsOut: 0, watermark: 3000 },
        { vertexId: 's', subtaskIndex: 0, recordsOut: 0, watermark: null },
      ]),
    ]);
    expect(plots.watermarkLag.keys).toEqual(['w']);
    expect(plots.watermarkLag.data()).toEqual([[5], [2000]]);
  });

  it('a vertex that reports late is padded with nulls so every column stays aligned with the times', () => {
    const plots = fold([
      metrics('j', 1000, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 0, watermark: 0 }]),
      metrics('j', 2000, [
        { vertexId: 'a', subtaskIndex: 0, recordsOut: 0, watermark: 1500 },
        { vertexId: 'b', subtaskIndex: 0, recordsOut: 0, watermark: 1000 },
      ]),
    ]);
    expect(plots.watermarkLag.data()).toEqual([
      [1, 2],
      [1000, 500],
      [null, 1000],
    ]);
  });

  it('keeps only the newest samples (bounded memory)', () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      metrics('j', i * 1000, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: i * 10 }]),
    );
    const plots = fold(events, 4);
    expect(plots.throughput.data()).toEqual([
      [6, 7, 8, 9],
      [10, 10, 10, 10],
    ]);
  });

  it('checkpoints plot duration and size per completed checkpoint', () => {
    const completed = (checkpointId: number, durationMs: number, stateSizeBytes: number): RuntimeEvent => ({
      type: 'checkpoint.completed',
      jobId: 'j',
      checkpointId,
      savepoint: false,
      timestamp: checkpointId * 100,
      durationMs,
      stateSizeBytes,
      path: `/tmp/chk-${checkpointId}`,
    });
    const plots = fold([completed(1, 12, 2048), completed(2, 30, 4096)]);
    expect(plots.checkpoints).toEqual({ ids: [1, 2], durationMs: [12, 30], stateSizeBytes: [2048, 4096] });
  });

  it('buffer usage per TaskManager is bytesInUse over the network memory', () => {
    const tm = (taskManagerId: string, timestamp: number, bytesInUse: number): RuntimeEvent => ({
      type: 'taskmanager.metrics',
      taskManagerId,
      timestamp,
      metrics: { bufferPool: { totalBytes: 1000, reservedBytes: 800, bytesInUse }, rssBytes: 0, heapUsedBytes: 0 },
    });
    const plots = fold([tm('tm-1', 1000, 250), tm('tm-2', 1000, 500), tm('tm-1', 2000, 0)]);
    expect(plots.buffers.keys).toEqual(['tm-1', 'tm-2']);
    expect(plots.buffers.data()).toEqual([
      [1, 1, 2],
      [0.25, null, 0],
      [null, 0.5, null],
    ]);
  });

  it('the metrics of another job start the plots afresh', () => {
    const plots = fold([
      metrics('old', 0, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 0 }]),
      metrics('old', 1000, [{ vertexId: 'a', subtaskIndex: 0, recordsOut: 10 }]),
      metrics('new', 2000, [{ vertexId: 'b', subtaskIndex: 0, recordsOut: 5 }]),
    ]);
    expect(plots.jobId).toBe('new');
    expect(plots.throughput.data()).toEqual([[]]);
    expect([...plots.subtasks.keys()]).toEqual(['b']);
    expect(plots.subtasks.get('b')).toEqual([
      { timestamp: 2000, recordsOut: 5, rate: null, watermark: null, times: [2000], counts: [5] },
    ]);
  });
});
