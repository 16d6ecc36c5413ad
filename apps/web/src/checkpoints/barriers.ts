/**
 * Where the barriers of the checkpoint in progress are, read off the acknowledgements (§7 Checkpoints): a
 * subtask acknowledges once its barrier was aligned on every input and its state snapshotted, and then sends
 * the barrier on, so on a JobEdge the barrier has left each producer subtask that acknowledged and has
 * arrived at each consumer subtask that did. Nothing here is timed or animated: it moves when an ack lands.
 */
import type { ExecutionGraph } from '@sluice/planner';
import type { CheckpointStats, CheckpointingStatistics } from '@sluice/protocol';
import { jobEdgeOf } from '../network/edge-network';
import { checkpointInProgress } from './checkpoint-stats';

export interface EdgeBarrier {
  checkpointId: number;
  savepoint: boolean;
  /** Producer subtasks the barrier has left, of those taking part in the checkpoint. */
  sent: number;
  producers: number;
  /** Consumer subtasks it has arrived at and was aligned on, of those taking part. */
  aligned: number;
  consumers: number;
  /** Along the edge: 0 at the producer, 1 at the consumer; halfway once it left every producer and reached no consumer. */
  position: number;
}

function acknowledged(row: CheckpointStats, vertexId: string): { acked: number; total: number } {
  const subtasks = row.subtasks.filter((s) => s.vertexId === vertexId);
  return { acked: subtasks.filter((s) => s.acknowledged).length, total: subtasks.length };
}

/**
 * The barrier on the canvas edge source → target, from its first producer's acknowledgement until the checkpoint
 * ends; null when no checkpoint is in progress, it has not reached the edge yet, or the edge has no network
 * (chained operators pass the barrier on in the same thread) or takes no part (its producers have finished).
 */
export function edgeBarrier(
  plan: ExecutionGraph,
  stats: CheckpointingStatistics,
  source: string,
  target: string,
): EdgeBarrier | null {
  const row = checkpointInProgress(stats);
  const jobEdge = jobEdgeOf(plan, source, target);
  if (!row || !jobEdge) return null;
  const producers = acknowledged(row, jobEdge.source);
  const consumers = acknowledged(row, jobEdge.target);
  if (producers.acked === 0 || consumers.total === 0) return null;
  return {
    checkpointId: row.id,
    savepoint: row.savepoint,
    sent: producers.acked,
    producers: producers.total,
    aligned: consumers.acked,
    consumers: consumers.total,
    position: (producers.acked / producers.total + consumers.acked / consumers.total) / 2,
  };
}

export interface VertexCheckpoint {
  checkpoint: CheckpointStats;
  /** The vertex's subtasks that take part, by index. */
  subtasks: CheckpointStats['subtasks'];
}

/** What a vertex's subtasks did in the newest checkpoint that they take part in (in progress, or the last one ended). */
export function vertexCheckpoint(stats: CheckpointingStatistics, vertexId: string): VertexCheckpoint | null {
  for (const checkpoint of stats.history) {
    const subtasks = checkpoint.subtasks
      .filter((s) => s.vertexId === vertexId)
      .sort((a, b) => a.subtaskIndex - b.subtaskIndex);
    if (subtasks.length > 0) return { checkpoint, subtasks };
  }
  return null;
}
