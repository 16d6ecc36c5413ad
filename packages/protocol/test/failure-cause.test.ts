/** Failure causes on the wire: each kind with its own fields, Flink's CheckpointFailureReason names and no others. */
import { describe, expect, it } from 'vitest';
import { checkpointStatsSchema, jobExceptionEntrySchema, runtimeEventSchema } from '../src/index.js';

const entry = {
  timestamp: 1,
  message: 'TaskManager tm-2 was lost: process killed by SIGKILL',
  stack: '',
  vertexId: 'sum',
  subtaskIndex: 0,
  taskManagerId: 'tm-2',
  attemptNumber: 0,
  willRestart: true,
  restoreCheckpointId: 3,
};

describe('failure causes', () => {
  it('an exception entry carries its cause with the fields of its kind', () => {
    const cause = { kind: 'taskmanager-lost', taskManagerId: 'tm-2', detection: 'process-exit' } as const;
    expect(jobExceptionEntrySchema.parse({ ...entry, cause })).toEqual({ ...entry, cause });
    const missing = jobExceptionEntrySchema.safeParse({ ...entry, cause: { kind: 'taskmanager-lost' } });
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['cause.taskManagerId', 'cause.detection']);
    const unknown = jobExceptionEntrySchema.safeParse({ ...entry, cause: { kind: 'TaskManagerLost' } });
    expect(unknown.error?.issues.map((i) => i.path.join('.'))).toEqual(['cause.kind']);
  });

  it("a failed checkpoint names Flink's CheckpointFailureReason, and only one Sluice produces", () => {
    const failed = {
      type: 'checkpoint.failed',
      jobId: 'j',
      checkpointId: 4,
      savepoint: false,
      timestamp: 10,
      failureReason: 'CHECKPOINT_EXPIRED',
      reason: 'expired after 1000 ms',
    };
    expect(runtimeEventSchema.parse(failed)).toEqual(failed);
    const other = runtimeEventSchema.safeParse({ ...failed, failureReason: 'JOB_FAILOVER_REGION' });
    expect(other.error?.issues.map((i) => i.path.join('.'))).toEqual(['failureReason']);
    expect(checkpointStatsSchema.shape.failureReason.safeParse(null).success).toBe(true);
  });
});
