/** The socket.io replay log stays bounded (issue 11): per job, and to the jobs the cluster still keeps. */
import { describe, expect, it } from 'vitest';
import { JobEventLog, MAX_EVENTS_PER_JOB } from '../src/live/job-event-log.js';

const JOB = 'a'.repeat(32);
const status = (status: 'CREATED' | 'RUNNING' | 'FINISHED', jobId = JOB) =>
  ({ type: 'job.status', jobId, status, timestamp: 0 }) as const;
const records = (values: unknown[]) => ({ type: 'sink.records', jobId: JOB, operatorId: 'out', values }) as const;

describe('JobEventLog', () => {
  it('keeps at most 10,000 events of a job, then only its status changes', () => {
    const log = new JobEventLog();
    log.append(status('CREATED'));
    for (let i = 1; i < MAX_EVENTS_PER_JOB + 5; i++) log.append(records([i]));
    log.append(status('FINISHED'));
    const replayed = log.replay(JOB);
    expect(replayed).toHaveLength(MAX_EVENTS_PER_JOB + 1);
    expect(replayed.at(-2)).toEqual(records([MAX_EVENTS_PER_JOB - 1]));
    expect(replayed.at(-1)).toEqual(status('FINISHED'));
  });

  it('lets go of the jobs the cluster no longer keeps', () => {
    const log = new JobEventLog();
    const other = 'b'.repeat(32);
    log.append(status('CREATED'));
    log.append(status('CREATED', other));
    log.retainJobs((jobId) => jobId === other);
    expect(log.replay(JOB)).toEqual([]);
    expect(log.replay(other)).toEqual([status('CREATED', other)]);
  });
});
