/**
 * The running job as the browser knows it: folded from the REST snapshot (GET /jobs/:id) and the
 * runtime events that follow it over socket.io.
 */
import type { ExecutionGraph } from '@sluice/planner';
import type {
  CheckpointingStatistics,
  JobDetails,
  JobExceptionsInfo,
  JobFailure,
  JobStatus,
  RuntimeEvent,
  TaskState,
} from '@sluice/protocol';
import {
  applyCheckpointEvent,
  emptyCheckpointStats,
  mergeCheckpointStats,
  type CheckpointsView,
} from '../checkpoints/checkpoint-stats';
import { applyExceptionEvent, emptyExceptionHistory, mergeExceptionHistory } from '../failover/exception-history';
import { subtaskKey, withSubtaskValues, type PerSubtask, type RecordCounts } from './metrics';

export interface LiveJob {
  jobId: string;
  status: JobStatus;
  /** Why the job is in its status (not enough slots, the failing task's error). */
  message: string | null;
  executionGraph: ExecutionGraph;
  /** Keyed by subtaskKey(vertexId, subtaskIndex). */
  taskStates: Record<string, TaskState>;
  /** The latest cumulative counters each subtask reported. */
  records: PerSubtask<RecordCounts>;
  failure: JobFailure | null;
  /** sink.collect output per sink operator id, in arrival order. */
  sinks: Record<string, unknown[]>;
  /** The collect sinks of which the Dispatcher kept only the first 10,000 records (JobDetails.sinksTruncated). */
  sinksTruncated: string[];
  /** sink.print lines per sink operator id. */
  printed: Record<string, string[]>;
  checkpoints: CheckpointsView;
  exceptions: JobExceptionsInfo;
  /** Every status the job entered, in order, with when (Flink's job timeline): a RESTARTING of half a second stays readable. */
  statusTimeline: StatusTransition[];
}

export interface StatusTransition {
  status: JobStatus;
  timestamp: number;
}

/** The ends a job and a task share: neither leaves them, and an ended task reports no more. */
const TERMINAL: readonly (JobStatus | TaskState)[] = ['FINISHED', 'FAILED', 'CANCELED'];

export function isTerminal(status: JobStatus | TaskState): boolean {
  return TERMINAL.includes(status);
}

export function newLiveJob(jobId: string, executionGraph: ExecutionGraph): LiveJob {
  return {
    jobId,
    status: 'CREATED',
    message: null,
    executionGraph,
    taskStates: {},
    records: {},
    failure: null,
    sinks: {},
    sinksTruncated: [],
    printed: {},
    checkpoints: emptyCheckpointStats(),
    exceptions: emptyExceptionHistory(),
    statusTimeline: [],
  };
}

/** The timeline with `status` entered at `timestamp`; the same array when the job is in that status already. */
function enterStatus(timeline: StatusTransition[], status: JobStatus, timestamp: number): StatusTransition[] {
  return timeline.at(-1)?.status === status ? timeline : [...timeline, { status, timestamp }];
}

/** A report is its subtask's counts as it is (reports are never changed): no copy per subtask and metrics frame. */
const recordCounts = (report: RecordCounts): RecordCounts => report;

export function applyJobEvent(job: LiveJob, event: RuntimeEvent): LiveJob {
  if (!('jobId' in event) || event.jobId !== job.jobId) return job;
  switch (event.type) {
    case 'job.status': {
      const message = event.message ?? (event.status === job.status ? job.message : null);
      // A restarted attempt runs: the failure it recovered from is history (the exceptions panel lists it), not the job's outcome.
      const recovered = job.status === 'RESTARTING' && event.status === 'RUNNING';
      // The timeline follows the events alone: a REST snapshot may have set the status before its event arrived.
      const statusTimeline = enterStatus(job.statusTimeline, event.status, event.timestamp);
      // The same status again (sent with every frame by some servers) leaves the job as it is: a new object would re-render every reader.
      if (
        event.status === job.status &&
        message === job.message &&
        (!recovered || job.failure === null) &&
        statusTimeline === job.statusTimeline
      )
        return job;
      return { ...job, status: event.status, message, failure: recovered ? null : job.failure, statusTimeline };
    }
    case 'task.state':
      return {
        ...job,
        taskStates: { ...job.taskStates, [subtaskKey(event.vertexId, event.subtaskIndex)]: event.state },
      };
    case 'task.failed': {
      const failure: JobFailure = {
        cause: event.cause,
        vertexId: event.vertexId,
        subtaskIndex: event.subtaskIndex,
        ...(event.operatorId === undefined ? {} : { operatorId: event.operatorId }),
        message: event.error,
        stack: event.stack,
      };
      return {
        ...job,
        failure: job.failure ?? failure,
        taskStates: { ...job.taskStates, [subtaskKey(event.vertexId, event.subtaskIndex)]: 'FAILED' },
      };
    }
    case 'metrics': {
      return { ...job, records: withSubtaskValues(job.records, event.subtasks, recordCounts) };
    }
    case 'sink.records':
      return {
        ...job,
        sinks: { ...job.sinks, [event.operatorId]: [...(job.sinks[event.operatorId] ?? []), ...event.values] },
      };
    case 'sink.print':
      return {
        ...job,
        printed: { ...job.printed, [event.operatorId]: [...(job.printed[event.operatorId] ?? []), event.line] },
      };
    case 'checkpoint.triggered':
    case 'checkpoint.acknowledged':
    case 'checkpoint.completed':
    case 'checkpoint.failed':
      return { ...job, checkpoints: applyCheckpointEvent(job.checkpoints, event, job) };
    case 'job.exception':
      return { ...job, exceptions: applyExceptionEvent(job.exceptions, event) };
    default:
      return job;
  }
}

/**
 * The REST snapshot is authoritative for what it covers: it replaces the sink output (events that
 * raced with the snapshot would otherwise be counted twice) and the subtask states and counters.
 */
export function applyJobDetails(job: LiveJob, details: JobDetails): LiveJob {
  if (details.jobId !== job.jobId) return job;
  const taskStates = { ...job.taskStates };
  for (const s of details.subtasks) taskStates[subtaskKey(s.vertexId, s.subtaskIndex)] = s.state;
  const records = withSubtaskValues(job.records, details.subtasks, recordCounts);
  return {
    ...job,
    status: details.status,
    taskStates,
    records,
    failure: details.failure ?? job.failure,
    sinks: { ...job.sinks, ...details.sinks },
    sinksTruncated: details.sinksTruncated ?? job.sinksTruncated,
  };
}

export function applyCheckpointSnapshot(job: LiveJob, jobId: string, snapshot: CheckpointingStatistics): LiveJob {
  return jobId === job.jobId ? { ...job, checkpoints: mergeCheckpointStats(job.checkpoints, snapshot) } : job;
}

export function applyExceptionsSnapshot(job: LiveJob, jobId: string, snapshot: JobExceptionsInfo): LiveJob {
  return jobId === job.jobId ? { ...job, exceptions: mergeExceptionHistory(job.exceptions, snapshot) } : job;
}
