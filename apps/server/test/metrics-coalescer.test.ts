/** The MetricsCoalescer on its own, on a manual clock: the bound on the metrics rate is exact, not statistical. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualTimerService } from '@sluice/cluster';
import type { RuntimeEventOf, SubtaskMetrics } from '@sluice/protocol';
import { MetricsCoalescer } from '../src/live/metrics-coalescer.js';

type Metrics = RuntimeEventOf<'metrics'>;

const subtask = (vertexId: string, subtaskIndex: number, recordsOut: number): SubtaskMetrics => ({
  vertexId,
  subtaskIndex,
  recordsIn: 0,
  recordsOut,
  busyMsPerSecond: 0,
  idleMsPerSecond: 1000,
  backPressuredMsPerSecond: 0,
  inPoolUsage: 0,
  outPoolUsage: 0,
  currentInputWatermark: null,
});

const report = (jobId: string, timestamp: number, subtasks: SubtaskMetrics[]): Metrics => ({
  type: 'metrics',
  jobId,
  timestamp,
  subtasks,
  channels: [],
});

let emitted: { at: number; event: Metrics }[];
let coalescer: MetricsCoalescer;
let time: ManualTimerService;

beforeEach(() => {
  time = new ManualTimerService();
  emitted = [];
  coalescer = new MetricsCoalescer(250, (event) => emitted.push({ at: time.now(), event }), time);
});
afterEach(() => {
  coalescer.close();
  expect(time.pendingTimers).toBe(0);
});

describe('MetricsCoalescer', () => {
  it('turns 100 reports a second into 4 frames, each with the latest figures of every subtask', () => {
    for (let ms = 0; ms < 1000; ms += 10) {
      coalescer.add(report('job', ms, [subtask(ms % 20 === 0 ? 'a' : 'b', 0, ms)]));
      time.advance(10);
    }
    // Reports at 0..990 ms: frames 250 ms apart, so any one second holds 4 of them.
    expect(emitted.map(({ at }) => at)).toEqual([0, 250, 500, 750, 1000]);
    // The frame at 250 carries what arrived after the frame at 0: a's and b's last reports before 250.
    expect(emitted[1]!.event.subtasks.map((s) => `${s.vertexId}:${s.recordsOut}`).sort()).toEqual(['a:240', 'b:230']);
    expect(emitted[1]!.event.timestamp).toBe(240);
  });

  it('sends the final figures after a job ends, still at least one interval after the previous frame, and nothing later', () => {
    coalescer.add(report('job', 0, [subtask('a', 0, 1)]));
    time.advance(100);
    coalescer.add(report('job', 100, [subtask('a', 0, 7)]));
    coalescer.finish('job');
    time.advance(149);
    expect(emitted.map(({ at }) => at)).toEqual([0]);
    time.advance(1);
    expect(emitted.map(({ at }) => at)).toEqual([0, 250]);
    expect(emitted[1]!.event.subtasks).toEqual([subtask('a', 0, 7)]);
    coalescer.add(report('job', 300, [subtask('a', 0, 9)]));
    time.advance(1000);
    expect(emitted).toHaveLength(2);
  });

  it('keeps one rate per job', () => {
    coalescer.add(report('one', 0, [subtask('a', 0, 1)]));
    coalescer.add(report('two', 0, [subtask('a', 0, 2)]));
    time.advance(0);
    expect(emitted.map(({ event }) => event.jobId)).toEqual(['one', 'two']);
  });
});
