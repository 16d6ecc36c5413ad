/**
 * Flink's checkpoint history (GET /jobs/:id/checkpoints) as Sluice's checkpoint events, so the checkpoints panel
 * fills for a job on Flink: a checkpoint or savepoint first seen is `checkpoint.triggered`, one seen COMPLETED is
 * `checkpoint.completed`. Flink reports no per-subtask acknowledgements in this answer and keeps a bounded
 * history, so a checkpoint that started and ended between two polls still gets both events.
 */
import type { RuntimeEventOf } from '@sluice/protocol';

/** One entry of the answer's `history` (Flink 2.x). */
export interface FlinkCheckpointEntry {
  id: number;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  is_savepoint: boolean;
  trigger_timestamp: number;
  latest_ack_timestamp: number;
  state_size: number;
  end_to_end_duration: number;
  num_subtasks: number;
  external_path?: string;
}

export type PublishedCheckpoint = 'triggered' | 'completed';
type CheckpointEvent = RuntimeEventOf<'checkpoint.triggered'> | RuntimeEventOf<'checkpoint.completed'>;

/** The events `history` adds to those `published` already (by checkpoint id), oldest checkpoint first. */
export function checkpointEvents(
  jobId: string,
  history: readonly FlinkCheckpointEntry[],
  published: ReadonlyMap<number, PublishedCheckpoint>,
): CheckpointEvent[] {
  return [...history]
    .sort((a, b) => a.id - b.id)
    .flatMap((entry): CheckpointEvent[] => {
      const seen = published.get(entry.id);
      const events: CheckpointEvent[] = [];
      // A failed one needs its typed CheckpointFailureReason, which Flink's REST answer does not give.
      if (seen === undefined && entry.status !== 'FAILED')
        events.push({
          type: 'checkpoint.triggered',
          jobId,
          checkpointId: entry.id,
          timestamp: entry.trigger_timestamp,
          savepoint: entry.is_savepoint,
          subtasksTotal: entry.num_subtasks,
        });
      if (seen !== 'completed' && entry.status === 'COMPLETED')
        events.push({
          type: 'checkpoint.completed',
          jobId,
          checkpointId: entry.id,
          savepoint: entry.is_savepoint,
          timestamp: entry.latest_ack_timestamp,
          durationMs: entry.end_to_end_duration,
          stateSizeBytes: entry.state_size,
          path: entry.external_path ?? '',
        });
      return events;
    });
}
