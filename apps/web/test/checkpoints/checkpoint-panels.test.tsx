// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleById } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { CheckpointingStatistics, RuntimeEvent } from '@sluice/protocol';
import CheckpointsPanel from '../../src/checkpoints/CheckpointsPanel';
import ExceptionsPanel from '../../src/failover/ExceptionsPanel';
import ClusterPanel from '../../src/components/panels/ClusterPanel';
import { editorStore } from '../../src/store/app-store';
import { reactRootPerTest } from '../support/react-root';

const recovery = exampleById('recovery')!.jobGraph;
const plan = planExecutionGraph(recovery);

const dom = reactRootPerTest({
  language: 'en',
  render: () => (
    <>
      <CheckpointsPanel />
      <ExceptionsPanel />
      <ClusterPanel />
    </>
  ),
});

const send = (event: RuntimeEvent) => act(() => editorStore.getState().runtimeEvent(event));
const text = (id: string) => dom.byTestId(id)?.textContent;

function runCheckpoint(checkpointId: number, done: boolean) {
  send({
    type: 'checkpoint.triggered',
    jobId: 'j1',
    checkpointId,
    timestamp: 10_000,
    savepoint: false,
    subtasksTotal: 4,
  });
  for (const [vertexId, subtaskIndex] of [
    ['numbers', 0],
    ['sum', 0],
    ['sum', 1],
    ['sums', 0],
  ] as const) {
    send({
      type: 'checkpoint.acknowledged',
      jobId: 'j1',
      vertexId,
      subtaskIndex,
      checkpointId,
      timestamp: 10_020,
      alignmentDurationMs: 3,
      stateSizeBytes: 512,
    });
  }
  if (done)
    send({
      type: 'checkpoint.completed',
      jobId: 'j1',
      checkpointId,
      savepoint: false,
      timestamp: 10_030,
      durationMs: 30,
      stateSizeBytes: 2048,
      path: `/tmp/cp/chk-${checkpointId}`,
    });
}

const config: CheckpointingStatistics['config'] = {
  mode: 'EXACTLY_ONCE',
  intervalMs: 500,
  timeoutMs: 10_000,
  minPauseMs: 0,
  maxConcurrentCheckpoints: 1,
  unaligned: false,
  storageDir: '/tmp/cp',
  retainedCheckpoints: 1,
  restartStrategy: 'fixed-delay (3 attempts, 500 ms delay)',
};

afterEach(() => vi.unstubAllGlobals());

describe('checkpoints and exceptions panels', () => {
  it("fold the coordinator's events into counts and a history newest first; a row expands to its subtasks", () => {
    act(() => editorStore.getState().jobSubmitted('j1', plan));
    expect(text('checkpoints-panel')).toContain('The Dispatcher has not sent the configuration yet.');
    runCheckpoint(1, true);
    runCheckpoint(2, false);
    expect(text('checkpoints-completed')).toBe('1');
    expect(text('checkpoints-in-progress')).toBe('1');
    const rows = dom.container.querySelectorAll('[data-testid^="checkpoint-"][data-status]');
    expect([...rows].map((r) => [r.getAttribute('data-testid'), r.getAttribute('data-status')])).toEqual([
      ['checkpoint-2', 'IN_PROGRESS'],
      ['checkpoint-1', 'COMPLETED'],
    ]);
    expect(text('checkpoint-acknowledged-1')).toBe('4/4');
    expect(dom.byTestId('checkpoint-1')!.textContent).toContain('30 ms');
    expect(dom.byTestId('checkpoint-1')!.textContent).toContain('2 KB');

    act(() => dom.byTestId('checkpoint-1')!.click());
    expect(text('checkpoint-subtasks-1')).toContain('/tmp/cp/chk-1');
    expect(dom.byTestId('checkpoint-subtask-1-sum-1')?.getAttribute('data-acknowledged')).toBe('true');
    expect(dom.byTestId('checkpoint-subtask-1-sum-1')?.textContent).toBe('sum#120 ms3 ms512 B');

    // A checkpoint that fails shows Flink's CheckpointFailureReason with the particulars.
    send({
      type: 'checkpoint.failed',
      jobId: 'j1',
      checkpointId: 2,
      savepoint: false,
      timestamp: 20_000,
      failureReason: 'CHECKPOINT_EXPIRED',
      reason: 'expired after 10000 ms',
    });
    act(() => dom.byTestId('checkpoint-2')!.click());
    expect(dom.byTestId('checkpoint-failure-2')?.getAttribute('data-failure-reason')).toBe('CHECKPOINT_EXPIRED');
    expect(text('checkpoint-failure-2')).toBe('Failed (CHECKPOINT_EXPIRED): expired after 10000 ms');
  });

  it("merge the Dispatcher's snapshot: configuration and restore from it, rows the events took further from the events", () => {
    act(() => editorStore.getState().jobSubmitted('j1', plan));
    runCheckpoint(4, true);
    const snapshotRow = {
      ...editorStore.getState().job!.checkpoints.history[0]!,
      status: 'IN_PROGRESS' as const,
      subtasksAcknowledged: 3,
      durationMs: null,
      path: null,
    };
    act(() =>
      editorStore.getState().checkpointsReceived('j1', {
        counts: { inProgress: 1, completed: 3, failed: 0, restored: 1 },
        latestRestored: { id: 3, path: '/tmp/cp/chk-3', savepoint: false, restoreTimestamp: 9000 },
        history: [snapshotRow],
        config,
      }),
    );
    // The snapshot was taken before checkpoint 4 completed: the event's row wins, and the counts follow it.
    expect(text('checkpoints-completed')).toBe('4');
    expect(text('checkpoints-in-progress')).toBe('0');
    expect(text('checkpoints-restored')).toBe('1');
    expect(dom.byTestId('checkpoint-4')?.getAttribute('data-status')).toBe('COMPLETED');
    expect(dom.byTestId('checkpoints-latest-restored')?.getAttribute('data-checkpoint')).toBe('3');
    expect(text('checkpoints-config-interval')).toBe('500 ms');
    expect(text('checkpoints-config-restart-strategy')).toBe('fixed-delay (3 attempts, 500 ms delay)');
    // A snapshot of another job changes nothing.
    act(() =>
      editorStore.getState().checkpointsReceived('other', {
        counts: { inProgress: 0, completed: 0, failed: 0, restored: 0 },
        latestRestored: null,
        history: [],
        config: null,
      }),
    );
    expect(text('checkpoints-completed')).toBe('4');
  });

  it('list each failure with its cause and what the restart strategy made of it, a stack a click away', () => {
    act(() => editorStore.getState().jobSubmitted('j1', plan));
    expect(text('exceptions-restarts')).toBe('0');
    send({
      type: 'job.exception',
      jobId: 'j1',
      timestamp: 20_000,
      cause: { kind: 'taskmanager-lost', taskManagerId: 'tm-2', detection: 'process-exit' },
      message: 'TaskManager tm-2 lost: process killed by SIGKILL',
      stack: '',
      vertexId: 'sum',
      subtaskIndex: 1,
      taskManagerId: 'tm-2',
      attemptNumber: 0,
      willRestart: true,
      backoffMs: 500,
      restoreCheckpointId: 4,
    });
    expect(text('exceptions-restarts')).toBe('1');
    send({ type: 'job.status', jobId: 'j1', status: 'RUNNING', timestamp: 19_000 });
    send({ type: 'job.status', jobId: 'j1', status: 'RESTARTING', timestamp: 20_000 });
    send({ type: 'job.status', jobId: 'j1', status: 'RUNNING', timestamp: 20_500 });
    const timeline = [...dom.byTestId('job-status-timeline')!.querySelectorAll('li')];
    expect(timeline.map((li) => [li.getAttribute('data-status'), li.textContent])).toEqual([
      ['RUNNING', 'RUNNING +0 ms'],
      ['RESTARTING', 'RESTARTING +1 s'],
      ['RUNNING', 'RUNNING +1.5 s'],
    ]);
    const entry = dom.byTestId('exception')!;
    expect(entry.getAttribute('data-restore-checkpoint')).toBe('4');
    expect(text('exception-message')).toBe('TaskManager tm-2 lost: process killed by SIGKILL');
    expect(text('exception-outcome')).toBe('Then: restart from checkpoint 4');
    expect(text('exception-taskmanager')).toBe('tm-2');
    expect(entry.getAttribute('data-cause')).toBe('taskmanager-lost');
    expect(text('exception-cause')).toBe('TaskManager tm-2 lost: its process exited');
    // A lost process is not an exception: it has no stack to show.
    expect(entry.querySelector('details')).toBeNull();
    send({
      type: 'job.exception',
      jobId: 'j1',
      timestamp: 21_000,
      cause: { kind: 'user-code-exception', operatorId: 'sum' },
      message: 'no sevens',
      stack: 'Error: no sevens\n    at sum',
      vertexId: 'sum',
      subtaskIndex: 0,
      attemptNumber: 1,
      willRestart: false,
    });
    const newest = dom.byTestId('exception')!;
    expect(newest.getAttribute('data-cause')).toBe('user-code-exception');
    expect(text('exception-cause')).toBe('Exception in the user code of sum');
    expect(newest.querySelector('details')!.open).toBe(false);
    expect(text('exception-stack')).toBe('Error: no sevens\n    at sum');
  });

  it('Kill and Freeze send the signal to the Dispatcher; a lost TaskManager stays listed, marked, beside its replacement', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ pid: 42 }), { status: 202, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    send({ type: 'taskmanager.registered', taskManagerId: 'tm-7', slots: 2, timestamp: 0 });
    await act(async () => dom.byTestId('taskmanager-freeze-tm-7')!.click());
    expect(fetch).toHaveBeenCalledWith(
      '/taskmanagers/tm-7/kill',
      expect.objectContaining({ method: 'POST', body: '{"signal":"SIGSTOP"}' }),
    );
    expect(text('taskmanager-frozen-tm-7')).toBe('frozen: waiting for the heartbeat timeout');
    await act(async () => dom.byTestId('taskmanager-kill-tm-7')!.click());
    expect(fetch).toHaveBeenLastCalledWith(
      '/taskmanagers/tm-7/kill',
      expect.objectContaining({ body: '{"signal":"SIGKILL"}' }),
    );

    send({
      type: 'taskmanager.lost',
      taskManagerId: 'tm-7',
      slots: 2,
      timestamp: 1,
      reason: 'process killed by SIGKILL',
    });
    act(() =>
      editorStore.getState().clusterReceived([
        {
          taskManagerId: 'tm-8',
          pid: 43,
          dataPort: 1,
          slots: [{ index: 0, jobId: null, subtasks: [] }],
          lastHeartbeat: 1,
          metrics: null,
        },
      ]),
    );
    expect(dom.byTestId('taskmanager-tm-7')?.getAttribute('data-lost')).toBe('true');
    expect(dom.byTestId('taskmanager-tm-7')?.textContent).toContain('process killed by SIGKILL');
    expect(dom.byTestId('taskmanager-kill-tm-7')).toBeNull();
    expect(dom.byTestId('taskmanager-tm-8')?.getAttribute('data-lost')).toBe('false');
  });

  it('a refused signal says why', async () => {
    const problem = {
      title: 'Not Found',
      status: 404,
      detail: 'no TaskManager tm-9',
      problems: [{ path: 'params.id', message: 'no TaskManager tm-9' }],
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify(problem), {
            status: 404,
            headers: { 'content-type': 'application/problem+json' },
          }),
      ),
    );
    send({ type: 'taskmanager.registered', taskManagerId: 'tm-9', slots: 1, timestamp: 0 });
    await act(async () => dom.byTestId('taskmanager-kill-tm-9')!.click());
    expect(text('taskmanager-signal-error')).toBe(
      'Could not signal TaskManager tm-9: POST /taskmanagers/tm-9/kill: no TaskManager tm-9',
    );
  });
});
