/**
 * The job's checkpoint statistics as the checkpoints panel, the nodes and the edges draw them (Flink's
 * CheckpointStatsTracker, seen from the browser): folded from the CheckpointCoordinator's events as they happen,
 * and merged with GET /jobs/:id/checkpoints, which alone knows the configuration and what the attempt restored.
 */
import type { ExecutionGraph } from '@sluice/planner';
import type { CheckpointStats, CheckpointingStatistics, RuntimeEvent, TaskState } from '@sluice/protocol';
import { subtaskKey } from '../runtime/metrics';

/** As many rows as the Dispatcher keeps. */
export const HISTORY_SIZE = 100;

export interface CheckpointsView extends CheckpointingStatistics {
  /** The Dispatcher's statistics were merged in at least once: only then does a null config mean checkpointing is off. */
  snapshotReceived: boolean;
}

export function emptyCheckpointStats(): CheckpointsView {
  return {
    counts: { inProgress: 0, completed: 0, failed: 0, restored: 0 },
    latestRestored: null,
    history: [],
    config: null,
    snapshotReceived: false,
  };
}

/** What the browser knows of the job when a checkpoint is triggered. */
export interface TriggerContext {
  executionGraph: ExecutionGraph;
  taskStates: Readonly<Record<string, TaskState>>;
}

/**
 * The coordinator waits for every subtask that has not finished (a finished one has nothing left to snapshot,
 * §7 Checkpoints); the event says how many, the plan and the task states say which.
 */
function participants({ executionGraph, taskStates }: TriggerContext): CheckpointStats['subtasks'] {
  return executionGraph.vertices.flatMap((vertex) =>
    Array.from({ length: vertex.parallelism }, (_, subtaskIndex) => ({ vertexId: vertex.id, subtaskIndex }))
      .filter((s) => taskStates[subtaskKey(s.vertexId, s.subtaskIndex)] !== 'FINISHED')
      .map((s) => ({ ...s, acknowledged: false, ackTimestamp: null, alignmentDurationMs: null, stateSizeBytes: null })),
  );
}

function withRow(
  stats: CheckpointsView,
  id: number,
  update: (row: CheckpointStats) => CheckpointStats,
): CheckpointsView {
  const row = stats.history.find((r) => r.id === id);
  if (!row) return stats;
  return { ...stats, history: stats.history.map((r) => (r === row ? update(r) : r)) };
}

function ended(
  stats: CheckpointsView,
  id: number,
  outcome: 'completed' | 'failed',
  update: (row: CheckpointStats) => CheckpointStats,
): CheckpointsView {
  const row = stats.history.find((r) => r.id === id);
  if (row?.status !== 'IN_PROGRESS') return stats;
  const next = withRow(stats, id, update);
  return {
    ...next,
    counts: { ...next.counts, inProgress: next.counts.inProgress - 1, [outcome]: next.counts[outcome] + 1 },
  };
}

export function applyCheckpointEvent(
  stats: CheckpointsView,
  event: RuntimeEvent,
  context: TriggerContext,
): CheckpointsView {
  switch (event.type) {
    case 'checkpoint.triggered': {
      if (stats.history.some((r) => r.id === event.checkpointId)) return stats;
      const row: CheckpointStats = {
        id: event.checkpointId,
        status: 'IN_PROGRESS',
        savepoint: event.savepoint,
        triggerTimestamp: event.timestamp,
        endTimestamp: null,
        durationMs: null,
        stateSizeBytes: 0,
        subtasksTotal: event.subtasksTotal,
        subtasksAcknowledged: 0,
        path: null,
        failureReason: null,
        failureMessage: null,
        subtasks: participants(context),
      };
      const history = [row, ...stats.history].sort((a, b) => b.id - a.id).slice(0, HISTORY_SIZE);
      return { ...stats, history, counts: { ...stats.counts, inProgress: stats.counts.inProgress + 1 } };
    }
    case 'checkpoint.acknowledged':
      return withRow(stats, event.checkpointId, (row) => {
        const same = (s: { vertexId: string; subtaskIndex: number }) =>
          s.vertexId === event.vertexId && s.subtaskIndex === event.subtaskIndex;
        if (row.subtasks.some((s) => same(s) && s.acknowledged)) return row;
        const acked = {
          vertexId: event.vertexId,
          subtaskIndex: event.subtaskIndex,
          acknowledged: true,
          ackTimestamp: event.timestamp,
          alignmentDurationMs: event.alignmentDurationMs,
          stateSizeBytes: event.stateSizeBytes,
        };
        const subtasks = row.subtasks.some(same)
          ? row.subtasks.map((s) => (same(s) ? acked : s))
          : [...row.subtasks, acked];
        return {
          ...row,
          subtasks,
          subtasksAcknowledged: row.subtasksAcknowledged + 1,
          stateSizeBytes: row.stateSizeBytes + event.stateSizeBytes,
        };
      });
    case 'checkpoint.completed':
      return ended(stats, event.checkpointId, 'completed', (row) => ({
        ...row,
        status: 'COMPLETED',
        endTimestamp: event.timestamp,
        durationMs: event.durationMs,
        stateSizeBytes: event.stateSizeBytes,
        path: event.path,
      }));
    case 'checkpoint.failed':
      return ended(stats, event.checkpointId, 'failed', (row) => ({
        ...row,
        status: 'FAILED',
        endTimestamp: event.timestamp,
        durationMs: event.timestamp - row.triggerTimestamp,
        failureReason: event.failureReason,
        failureMessage: event.reason,
      }));
    default:
      return stats;
  }
}

/** How far a row has come: an ended checkpoint is past one in progress, more acknowledgements past fewer. */
function progress(row: CheckpointStats): number {
  return (row.status === 'IN_PROGRESS' ? 0 : 1) * (row.subtasksTotal + 1) + row.subtasksAcknowledged;
}

function countsWith(
  counts: CheckpointingStatistics['counts'],
  row: CheckpointStats,
  sign: 1 | -1,
): CheckpointingStatistics['counts'] {
  const key = row.status === 'IN_PROGRESS' ? 'inProgress' : row.status === 'COMPLETED' ? 'completed' : 'failed';
  return { ...counts, [key]: counts[key] + sign };
}

/**
 * The snapshot is authoritative for what only it knows (configuration, restores, counts) as of when it was taken;
 * events that arrived while it was on its way are newer for the rows they touched, so per row the further one
 * wins and the counts follow it.
 */
export function mergeCheckpointStats(local: CheckpointsView, snapshot: CheckpointingStatistics): CheckpointsView {
  let counts = snapshot.counts;
  const rows = new Map(snapshot.history.map((row) => [row.id, row]));
  for (const row of local.history) {
    const known = rows.get(row.id);
    if (known && progress(known) >= progress(row)) continue;
    if (known) counts = countsWith(counts, known, -1);
    counts = countsWith(counts, row, 1);
    rows.set(row.id, row);
  }
  const history = [...rows.values()].sort((a, b) => b.id - a.id).slice(0, HISTORY_SIZE);
  return { ...snapshot, counts, history, snapshotReceived: true };
}

/** The checkpoint whose barriers are in the job now (the coordinator runs one at a time); null between checkpoints. */
export function checkpointInProgress(stats: CheckpointingStatistics): CheckpointStats | null {
  return stats.history.find((row) => row.status === 'IN_PROGRESS') ?? null;
}
