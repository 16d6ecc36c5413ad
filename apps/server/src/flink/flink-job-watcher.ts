/**
 * Follows one job on a Flink cluster by polling its REST API (default every second, a rate the user can watch) and
 * publishes what changed as Sluice's runtime events: the job's status, each subtask's state, every subtask's
 * records, busy/idle/backpressured time, buffer usage and watermark, and the job's checkpoints. Channels stay
 * empty: Flink does not expose per-channel credits, backlog or buffers in flight.
 */
import type { ExecutionGraph } from '@sluice/planner';
import { TERMINAL_JOB_STATUSES, type JobStatus, type RuntimeEvent, type SubtaskMetrics } from '@sluice/protocol';
import type {
  FlinkJobDetails,
  FlinkJobExceptions,
  FlinkMetricValues,
  FlinkVertexDetails,
} from './flink-rest-answers.js';
import { checkpointEvents, type FlinkCheckpointEntry, type PublishedCheckpoint } from './flink-checkpoint-events.js';
import type { FlinkRestClient } from './flink-rest-client.js';
import {
  jobStatusEvent,
  sluiceVertexOf,
  subtaskMetricNames,
  subtaskMetrics,
  taskStateEvents,
} from './flink-rest-events.js';

export const DEFAULT_POLL_INTERVAL_MS = 1000;
/** Polls in a row that may fail (a cluster restarting its REST endpoint) before the job counts as lost. */
const MAX_FAILED_POLLS = 10;
/** Metric names per GET: Flink answers a request line longer than its limit (4 KB) with 404. */
const METRICS_PER_REQUEST = 60;

export interface FlinkJobWatcher {
  readonly jobId: string;
  readonly status: JobStatus | undefined;
  stop(): void;
}

export function watchFlinkJob(
  client: FlinkRestClient,
  jobId: string,
  plan: ExecutionGraph,
  publish: (event: RuntimeEvent) => void,
  intervalMs = DEFAULT_POLL_INTERVAL_MS,
): FlinkJobWatcher {
  let status: JobStatus | undefined;
  const taskStates = new Map<string, string>();
  const checkpoints = new Map<number, PublishedCheckpoint>();
  let failedPolls = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function poll(): Promise<void> {
    const details = await client.get<FlinkJobDetails>(`/jobs/${jobId}`);
    const subtasks: SubtaskMetrics[] = [];
    for (const flinkVertex of details.vertices) {
      const vertexId = sluiceVertexOf(flinkVertex.name, plan);
      if (vertexId === undefined) continue;
      const base = `/jobs/${jobId}/vertices/${flinkVertex.id}`;
      const vertex = await client.get<FlinkVertexDetails>(base);
      for (const event of taskStateEvents(jobId, vertexId, vertex, details.now)) {
        const key = `${vertexId}#${event.subtaskIndex}`;
        if (taskStates.get(key) === event.state) continue;
        taskStates.set(key, event.state);
        publish(event);
      }
      const values: FlinkMetricValues = [];
      // Flink's REST server refuses long URLs: a wide vertex's gauges are asked for in slices.
      const names = subtaskMetricNames(flinkVertex.parallelism);
      for (let i = 0; i < names.length; i += METRICS_PER_REQUEST)
        values.push(
          ...(await client.get<FlinkMetricValues>(
            `${base}/metrics?get=${names.slice(i, i + METRICS_PER_REQUEST).join(',')}`,
          )),
        );
      subtasks.push(...subtaskMetrics(vertexId, vertex, values));
    }
    if (subtasks.length > 0) publish({ type: 'metrics', jobId, timestamp: details.now, subtasks, channels: [] });
    const { history } = await client.get<{ history: FlinkCheckpointEntry[] }>(`/jobs/${jobId}/checkpoints`);
    for (const event of checkpointEvents(jobId, history, checkpoints)) {
      checkpoints.set(event.checkpointId, event.type === 'checkpoint.completed' ? 'completed' : 'triggered');
      publish(event);
    }
    const failed = details.state === 'FAILED' && status !== 'FAILED';
    const statusEvent = jobStatusEvent(
      details,
      failed ? await client.get<FlinkJobExceptions>(`/jobs/${jobId}/exceptions`) : undefined,
    );
    if (statusEvent && statusEvent.status !== status) {
      status = statusEvent.status;
      publish(statusEvent);
    }
  }

  async function tick(): Promise<void> {
    try {
      await poll();
      failedPolls = 0;
    } catch (error) {
      failedPolls += 1;
      if (failedPolls >= MAX_FAILED_POLLS) {
        const reason = error instanceof Error ? error.message : String(error);
        status = 'FAILED';
        publish({
          type: 'job.status',
          jobId,
          status,
          timestamp: Date.now(),
          message: `lost track of the job on Flink after ${failedPolls} failed polls: ${reason}`,
        });
      }
    }
    if (stopped || (status !== undefined && TERMINAL_JOB_STATUSES.has(status))) return;
    timer = setTimeout(() => void tick(), intervalMs);
  }

  void tick();
  return {
    jobId,
    get status() {
      return status;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
