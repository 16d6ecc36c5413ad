/**
 * Flink's REST answers as Sluice's runtime events (packages/protocol), so the canvas draws a job on Flink with the
 * code it draws a local one with. Pure functions: the watcher (flink-job-watcher.ts) polls, these translate.
 */
import type { ExecutionGraph } from '@sluice/planner';
import {
  TERMINAL_TASK_STATES,
  type JobStatus,
  type RuntimeEventOf,
  type SubtaskMetrics,
  type TaskState,
} from '@sluice/protocol';
import type {
  FlinkJobDetails,
  FlinkJobExceptions,
  FlinkMetricValues,
  FlinkVertexDetails,
} from './flink-rest-answers.js';
import { rootCause } from './java-stack-trace.js';

/** Flink's JobStatus as Sluice's; the states Sluice has no name for (FAILING, SUSPENDED, RECONCILING) are none. */
export function jobStatusOf(flinkState: string): JobStatus | undefined {
  switch (flinkState) {
    case 'INITIALIZING':
    case 'CREATED':
      return 'CREATED';
    case 'CANCELLING':
      return 'CANCELING';
    case 'RUNNING':
    case 'FINISHED':
    case 'FAILED':
    case 'CANCELED':
    case 'RESTARTING':
      return flinkState;
    default:
      return undefined;
  }
}

/** Flink's ExecutionState as Sluice's TaskState; CREATED, CANCELING and RECONCILING have no Sluice twin. */
export function taskStateOf(flinkState: string): TaskState | undefined {
  switch (flinkState) {
    case 'SCHEDULED':
    case 'DEPLOYING':
    case 'INITIALIZING':
    case 'RUNNING':
    case 'FINISHED':
    case 'FAILED':
    case 'CANCELED':
      return flinkState;
    default:
      return undefined;
  }
}

/**
 * The Sluice JobVertex a Flink vertex runs. The runner names every Flink operator with its Sluice operator id, and
 * Flink names a vertex after its chain: "Source: a -> b -> c", a FileSink's "s: Writer" and "s: Committer". The
 * first operator named decides; Flink may chain differently from Sluice's plan, so any Sluice vertex holding that
 * operator is the one.
 */
export function sluiceVertexOf(flinkVertexName: string, plan: ExecutionGraph): string | undefined {
  const head = flinkVertexName
    .replace(/^Source: /, '')
    .split(' -> ')[0]!
    .replace(/: (Writer|Committer|Global Committer)$/, '')
    .trim();
  return plan.vertices.find((vertex) => vertex.operators.includes(head))?.id;
}

/** With `exceptions` (asked for when the job FAILED), the message names the failing task and the root cause. */
export function jobStatusEvent(
  details: FlinkJobDetails,
  exceptions?: FlinkJobExceptions,
): RuntimeEventOf<'job.status'> | undefined {
  const status = jobStatusOf(details.state);
  if (!status) return undefined;
  const latest = exceptions?.exceptionHistory.entries[0];
  const message = latest && `${latest.taskName ? `${latest.taskName}: ` : ''}${rootCause(latest.stacktrace)}`;
  return { type: 'job.status', jobId: details.jid, status, timestamp: details.now, ...(message && { message }) };
}

/** One task.state event per subtask of the vertex, in Sluice's vertex and state names. */
export function taskStateEvents(
  jobId: string,
  vertexId: string,
  vertex: FlinkVertexDetails,
  timestamp: number,
): RuntimeEventOf<'task.state'>[] {
  return vertex.subtasks.flatMap((subtask) => {
    const state = taskStateOf(subtask.status);
    if (!state) return [];
    const taskManagerId = subtask['taskmanager-id'];
    return [
      {
        type: 'task.state' as const,
        jobId,
        vertexId,
        subtaskIndex: subtask.subtask,
        state,
        ...(taskManagerId !== undefined && taskManagerId !== '(unassigned)' && { taskManagerId }),
        timestamp,
      },
    ];
  });
}

/**
 * The task gauges of Flink's (per subtask "<i>.<name>") that fill Sluice's SubtaskMetrics; the record counts come
 * from the vertex's subtask answer instead, which holds the exact final counts of a subtask that has ended. A
 * source task has no input gate and so no input pool, and only a task with inputs has an input watermark.
 */
const TIME_GAUGES = ['busyTimeMsPerSecond', 'idleTimeMsPerSecond', 'backPressuredTimeMsPerSecond'] as const;
const IN_POOL_USAGE = 'Shuffle.Netty.Input.Buffers.inPoolUsage';
const OUT_POOL_USAGE = 'Shuffle.Netty.Output.Buffers.outPoolUsage';
const INPUT_WATERMARK = 'currentInputWatermark';
const TASK_GAUGES = [...TIME_GAUGES, IN_POOL_USAGE, OUT_POOL_USAGE, INPUT_WATERMARK] as const;
type TaskGauge = (typeof TASK_GAUGES)[number];

/** The ?get= list of GET /jobs/:id/vertices/:vid/metrics for every subtask of a vertex. */
export function subtaskMetricNames(parallelism: number): string[] {
  return Array.from({ length: parallelism }, (_, i) => TASK_GAUGES.map((name) => `${i}.${name}`)).flat();
}

/** Flink's "no watermark yet": Long.MIN_VALUE, as its metric prints it. */
const NO_WATERMARK = '-9223372036854775808';

/**
 * Each subtask's figures from its vertex's answers. A running subtask whose gauges Flink has not fetched yet is left
 * out rather than shown as zeros; one that has ended and lost its gauges shows zeros: it does no work any more. A
 * pool a task does not have (a source's input pool) is empty.
 */
export function subtaskMetrics(
  vertexId: string,
  vertex: FlinkVertexDetails,
  values: FlinkMetricValues,
): SubtaskMetrics[] {
  // Flink answers "NaN" for a gauge it cannot compute yet (busy time before the first measurement): no figure.
  const gauges = new Map(
    values.filter(({ value }) => Number.isFinite(Number(value))).map(({ id, value }) => [id, value]),
  );
  return vertex.subtasks.flatMap((subtask) => {
    const state = taskStateOf(subtask.status);
    const ended = state !== undefined && TERMINAL_TASK_STATES.has(state);
    const gauge = (name: TaskGauge) => gauges.get(`${subtask.subtask}.${name}`);
    if (!ended && TIME_GAUGES.some((name) => gauge(name) === undefined)) return [];
    const number = (name: TaskGauge) => Number(gauge(name) ?? 0);
    const watermark = gauge(INPUT_WATERMARK);
    return [
      {
        vertexId,
        subtaskIndex: subtask.subtask,
        recordsIn: subtask.metrics['read-records'],
        recordsOut: subtask.metrics['write-records'],
        busyMsPerSecond: number('busyTimeMsPerSecond'),
        idleMsPerSecond: number('idleTimeMsPerSecond'),
        backPressuredMsPerSecond: number('backPressuredTimeMsPerSecond'),
        inPoolUsage: number(IN_POOL_USAGE),
        outPoolUsage: number(OUT_POOL_USAGE),
        currentInputWatermark: watermark === undefined || watermark === NO_WATERMARK ? null : Number(watermark),
      },
    ];
  });
}
