import { describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import {
  canStartSavepoint,
  isSavepointPending,
  latestSavepointLocation,
  requestSavepoint,
  savepointAccepted,
  savepointRequestFailed,
  savepointStatusReceived,
} from '../../src/checkpoints/savepoint-operation';
import { createEditorStore } from '../../src/store/editor';
import { lessonById, sinceLessonOpened } from '../../src/workshop/lessons';

const inProgress = { status: { id: 'IN_PROGRESS' as const }, operation: null };
const completed = (location: string) => ({ status: { id: 'COMPLETED' as const }, operation: { location } });
const failedWith = (failureCause: string) => ({ status: { id: 'COMPLETED' as const }, operation: { failureCause } });

describe('the savepoint operation', () => {
  it('goes requesting → in progress (polled) → completed with the location', () => {
    let op = requestSavepoint('stop', 'j1');
    expect(op).toEqual({ phase: 'requesting', kind: 'stop', jobId: 'j1' });
    expect(isSavepointPending(op)).toBe(true);
    // A status before the 202 (or for another request) changes nothing.
    expect(savepointStatusReceived(op, 'r1', completed('/sp'))).toBe(op);
    op = savepointAccepted(op, 'r1');
    expect(op).toEqual({ phase: 'in-progress', kind: 'stop', jobId: 'j1', requestId: 'r1' });
    expect(savepointStatusReceived(op, 'r1', inProgress)).toBe(op);
    expect(savepointStatusReceived(op, 'r0', completed('/old'))).toBe(op);
    op = savepointStatusReceived(op, 'r1', completed('/tmp/cp/savepoint-3'));
    expect(op).toEqual({
      phase: 'completed',
      kind: 'stop',
      jobId: 'j1',
      requestId: 'r1',
      location: '/tmp/cp/savepoint-3',
    });
    expect(isSavepointPending(op)).toBe(false);
    // Over is over: a late answer or error does not reopen it.
    expect(savepointRequestFailed(op, 'late')).toBe(op);
    expect(savepointAccepted(op, 'r2')).toBe(op);
  });

  it("fails with the Dispatcher's cause, or when the trigger or a status request fails", () => {
    const accepted = savepointAccepted(requestSavepoint('trigger', 'j1'), 'r1');
    expect(savepointStatusReceived(accepted, 'r1', failedWith('declined: task not running'))).toEqual({
      phase: 'failed',
      kind: 'trigger',
      jobId: 'j1',
      requestId: 'r1',
      reason: 'declined: task not running',
    });
    expect(savepointStatusReceived(accepted, 'r1', { status: { id: 'COMPLETED' }, operation: null })).toMatchObject({
      phase: 'failed',
    });
    expect(savepointRequestFailed(requestSavepoint('stop', 'j1'), 'POST /jobs/j1/stop: job "j1" is FINISHED')).toEqual({
      phase: 'failed',
      kind: 'stop',
      jobId: 'j1',
      requestId: null,
      reason: 'POST /jobs/j1/stop: job "j1" is FINISHED',
    });
    expect(savepointRequestFailed(accepted, 'network')).toMatchObject({ phase: 'failed', requestId: 'r1' });
  });

  it('starts only for a RUNNING job with no operation pending; the resume location survives a later failure', () => {
    expect(canStartSavepoint(null, 'RUNNING')).toBe(true);
    expect(canStartSavepoint(null, 'RESTARTING')).toBe(false);
    expect(canStartSavepoint(null, null)).toBe(false);
    expect(canStartSavepoint(requestSavepoint('trigger', 'j1'), 'RUNNING')).toBe(false);
    const done = savepointStatusReceived(
      savepointAccepted(requestSavepoint('trigger', 'j1'), 'r1'),
      'r1',
      completed('/sp-1'),
    );
    expect(canStartSavepoint(done, 'RUNNING')).toBe(true);
    expect(latestSavepointLocation(null, done)).toBe('/sp-1');
    expect(latestSavepointLocation('/sp-1', savepointRequestFailed(requestSavepoint('stop', 'j1'), 'no'))).toBe(
      '/sp-1',
    );
  });
});

describe('the savepoints and rescaling lesson', () => {
  const example = exampleById('savepoint-rescaling')!;
  const lesson = lessonById('savepoint-rescaling')!;
  const checks = (store: ReturnType<typeof createEditorStore>, jobBeforeLesson: string | null = null) =>
    lesson.steps.map((step) => step.done?.(sinceLessonOpened(store.getState(), jobBeforeLesson)) ?? false);

  it('ticks run, stop with savepoint, parallelism 3 and the resumed run from the store', () => {
    const store = createEditorStore(structuredClone(example.jobGraph));
    expect(checks(store)).toEqual([false, false, false, false]);
    store.getState().jobSubmitted('j1', planExecutionGraph(example.jobGraph));
    store.getState().savepointRequested('stop', 'j1');
    store.getState().savepointAccepted('r1');
    expect(checks(store)).toEqual([true, false, false, false]);
    store.getState().savepointStatusReceived('r1', completed('/tmp/cp/savepoint-2'));
    expect(store.getState().savepointLocation).toBe('/tmp/cp/savepoint-2');
    expect(checks(store)).toEqual([true, true, false, false]);
    store.getState().updateOperator('sum', { parallelism: 3 });
    expect(checks(store)).toEqual([true, true, true, false]);

    store.getState().jobSubmitted('j2', store.getState().plan!, '/tmp/cp/savepoint-2');
    expect(store.getState().resumedFrom).toBe('/tmp/cp/savepoint-2');
    store.getState().runtimeEvent({ type: 'job.status', jobId: 'j2', status: 'FINISHED', timestamp: 1 });
    // FINISHED, but not yet known to have restored the savepoint: the checkpoints snapshot says so.
    expect(checks(store)[3]).toBe(false);
    store.getState().checkpointsReceived('j2', {
      counts: { inProgress: 0, completed: 0, failed: 0, restored: 1 },
      latestRestored: { id: 2, path: '/tmp/cp/savepoint-2', savepoint: true, restoreTimestamp: 1 },
      history: [],
      config: null,
    });
    expect(checks(store)).toEqual([true, true, true, true]);
  });

  it('ignores a savepoint of the job that ran before the lesson opened', () => {
    const store = createEditorStore(structuredClone(example.jobGraph));
    store.getState().jobSubmitted('j0', planExecutionGraph(example.jobGraph));
    store.getState().savepointRequested('stop', 'j0');
    store.getState().savepointAccepted('r0');
    store.getState().savepointStatusReceived('r0', completed('/sp-0'));
    expect(checks(store, 'j0')).toEqual([false, false, false, false]);
  });
});
