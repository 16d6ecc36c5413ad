/**
 * The JobMaster's slot request timeout on a manual clock: a ResourceManager with no TaskManager never grants the
 * slots, so the job waits (WAITING_FOR_RESOURCES) exactly slotRequestTimeoutMs and then fails with its typed cause,
 * NoResourceAvailableException's no-resource-available. No process is started and nothing sleeps.
 */
import { describe, expect, it } from 'vitest';
import { validateJobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { RuntimeEvent } from '@sluice/protocol';
import { JobMaster } from '../src/jobmaster/job-master.js';
import { ResourceManager } from '../src/resourcemanager/resource-manager.js';
import { ManualTimerService } from '../src/time/manual-timer-service.js';
import { edge, jobGraph, operator } from './harness.js';

describe('JobMaster slot request timeout', () => {
  it('fails the job exactly slotRequestTimeoutMs after it started waiting, with cause no-resource-available', async () => {
    const time = new ManualTimerService(1_000);
    const events: RuntimeEvent[] = [];
    const emit = (event: RuntimeEvent): void => void events.push(event);
    const resourceManager = new ResourceManager(
      { heartbeatIntervalMs: 1000, heartbeatTimeoutMs: 5000 },
      { slots: 2, networkMemoryBytes: 1 << 20 },
      emit,
      () => undefined,
      time,
    );
    const validation = validateJobGraph(
      jobGraph(
        'no slots',
        [operator('src', 'source.sequence', 2, { from: 1, to: 10 }), operator('drop', 'sink.discard', 2)],
        [edge('src', 'drop')],
      ),
    );
    if (!validation.ok) throw new Error('the test job is invalid');
    const job = new JobMaster('job', validation.jobGraph, planExecutionGraph(validation.jobGraph), {
      resourceManager,
      emit,
      slotRequestTimeoutMs: 5000,
      time,
    });
    job.start();
    expect(job.overview().status).toBe('WAITING_FOR_RESOURCES');
    time.advance(4999);
    expect(job.overview().status).toBe('WAITING_FOR_RESOURCES');
    time.advance(1);
    const details = await job.whenTerminal();
    const message =
      'Could not allocate the required slots within 5000 ms: job needs 2 slots but the cluster has 0 (0 TaskManagers)';
    expect(details).toMatchObject({ status: 'FAILED', startTime: 1_000, endTime: 6_000 });
    expect(details.failure).toEqual({ cause: { kind: 'no-resource-available' }, message, stack: '' });
    expect(
      events.flatMap((e) => (e.type === 'job.status' ? [[e.status, e.timestamp, e.message ?? null]] : [])),
    ).toEqual([
      ['CREATED', 1_000, null],
      ['WAITING_FOR_RESOURCES', 1_000, 'job needs 2 slots but the cluster has 0 (0 TaskManagers)'],
      ['FAILED', 6_000, message],
    ]);
    await resourceManager.shutdown();
    expect(time.pendingTimers).toBe(0);
  });
});
