/**
 * Metrics arrive from every TaskManager as often as the tasks report them; the browser needs a few frames a
 * second, not every report. Per job, the coalescer keeps only the latest figures of each subtask and channel
 * and emits them as one `metrics` event at most once per interval.
 */
import { systemTimerService, type TimerService } from '@sluice/cluster';
import type { ChannelMetricsView, RuntimeEventOf, SubtaskMetrics } from '@sluice/protocol';

type MetricsEvent = RuntimeEventOf<'metrics'>;

interface JobWindow {
  lastEmitAt: number;
  /** Cancels the scheduled frame; undefined when none is. */
  cancelFrame: (() => void) | undefined;
  timestamp: number;
  subtasks: Map<string, SubtaskMetrics>;
  channels: Map<string, ChannelMetricsView>;
}

const subtaskKey = (s: SubtaskMetrics) => `${s.vertexId}#${s.subtaskIndex}`;
const channelKey = (c: ChannelMetricsView) =>
  `${c.sourceVertexId}#${c.sourceSubtask}>${c.targetVertexId}#${c.targetSubtask}`;

export class MetricsCoalescer {
  private readonly windows = new Map<string, JobWindow>();
  /** Jobs that reached a terminal status: a report still in flight from a TaskManager is dropped, not emitted. */
  private readonly finished = new Set<string>();

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (event: MetricsEvent) => void,
    private readonly time: TimerService = systemTimerService,
  ) {}

  add(event: MetricsEvent): void {
    if (this.finished.has(event.jobId)) return;
    let window = this.windows.get(event.jobId);
    if (!window) {
      window = {
        lastEmitAt: -Infinity,
        cancelFrame: undefined,
        timestamp: 0,
        subtasks: new Map(),
        channels: new Map(),
      };
      this.windows.set(event.jobId, window);
    }
    window.timestamp = Math.max(window.timestamp, event.timestamp);
    for (const subtask of event.subtasks) window.subtasks.set(subtaskKey(subtask), subtask);
    for (const channel of event.channels) window.channels.set(channelKey(channel), channel);
    if (window.cancelFrame === undefined)
      window.cancelFrame = this.time.schedule(this.delayToNextFrame(window), () => this.flush(event.jobId));
  }

  /** A frame leaves at least one interval after the job's previous frame. */
  private delayToNextFrame(window: JobWindow): number {
    return Math.max(0, window.lastEmitAt + this.intervalMs - this.time.now());
  }

  private flush(jobId: string): void {
    const window = this.windows.get(jobId);
    if (!window) return;
    window.cancelFrame = undefined;
    if (window.subtasks.size === 0 && window.channels.size === 0) return;
    const event: MetricsEvent = {
      type: 'metrics',
      jobId,
      timestamp: window.timestamp,
      subtasks: [...window.subtasks.values()],
      channels: [...window.channels.values()],
    };
    window.subtasks = new Map();
    window.channels = new Map();
    window.lastEmitAt = this.time.now();
    this.emit(event);
  }

  /**
   * The job is over: no later report is taken, and the pending figures (its final counts) go out with the
   * frame already scheduled, so even the last frame keeps the rate bound; then the job's state is dropped.
   */
  finish(jobId: string): void {
    this.finished.add(jobId);
    const window = this.windows.get(jobId);
    if (!window) return;
    window.cancelFrame?.();
    window.cancelFrame = this.time.schedule(this.delayToNextFrame(window), () => {
      this.flush(jobId);
      this.windows.delete(jobId);
    });
  }

  close(): void {
    for (const window of this.windows.values()) window.cancelFrame?.();
    this.windows.clear();
  }
}
