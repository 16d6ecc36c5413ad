// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleById } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import CheckpointsPanel from '../../src/checkpoints/CheckpointsPanel';
import { editorStore } from '../../src/store/app-store';
import { reactRootPerTest } from '../support/react-root';

const example = exampleById('savepoint-rescaling')!.jobGraph;

const dom = reactRootPerTest({ language: 'en', render: () => <CheckpointsPanel /> });

/** Waits for the store (the polling's updates land inside act), then lets the test read the DOM. */
const until = (check: () => boolean) => act(() => vi.waitFor(() => expect(check()).toBe(true), { timeout: 3000 }));
const phase = () => editorStore.getState().savepoint?.phase;

const json = (body: unknown, status: number, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

afterEach(() => vi.unstubAllGlobals());

describe('savepoint controls in the checkpoints panel', () => {
  it('stop with savepoint: progress while IN_PROGRESS, then the location; a refused resume shows the field and reason and keeps everything', async () => {
    act(() => {
      editorStore.getState().loadJobGraph(structuredClone(example));
      editorStore.getState().jobSubmitted('j1', planExecutionGraph(example));
      editorStore.getState().runtimeEvent({ type: 'job.status', jobId: 'j1', status: 'RUNNING', timestamp: 1 });
    });
    let polls = 0;
    const fetch = vi.fn(async (path: string, init?: RequestInit) => {
      if (path === '/jobs/j1/stop' && init?.method === 'POST') return json({ requestId: 'r1' }, 202);
      if (path === '/jobs/j1/savepoints/r1') {
        polls += 1;
        return json(
          polls < 2
            ? { status: { id: 'IN_PROGRESS' }, operation: null }
            : { status: { id: 'COMPLETED' }, operation: { location: '/tmp/cp/savepoint-4' } },
          200,
        );
      }
      if (path.startsWith('/jobs?savepointPath=')) {
        const problems = [
          {
            path: 'query.savepointPath',
            message:
              'cannot restore from savepoint /tmp/cp/savepoint-4: operator sum: savepoint has maxParallelism 128, job 64',
          },
        ];
        return json({ title: 'Bad Request', status: 400, detail: 'x', problems }, 400, 'application/problem+json');
      }
      return json({}, 404);
    });
    vi.stubGlobal('fetch', fetch);

    expect(dom.byTestId('savepoint-resume')).toBeNull();
    act(() => dom.byTestId('savepoint-stop')!.click());
    expect(dom.byTestId('savepoint-status')?.getAttribute('data-phase')).toBe('requesting');
    expect((dom.byTestId('savepoint-stop') as HTMLButtonElement).disabled).toBe(true);
    await until(() => phase() === 'in-progress');
    expect(dom.byTestId('savepoint-status')?.getAttribute('data-phase')).toBe('in-progress');
    expect(dom.byTestId('savepoint-status')?.textContent).toContain('in progress');
    // The status route is polled until COMPLETED; then the history is refreshed from REST.
    await until(() => phase() === 'completed' && fetch.mock.calls.some(([path]) => path === '/jobs/j1/checkpoints'));
    expect(dom.byTestId('savepoint-status')?.getAttribute('data-phase')).toBe('completed');
    expect((dom.byTestId('savepoint-location') as HTMLInputElement).value).toBe('/tmp/cp/savepoint-4');
    // Resuming waits for the job to end.
    expect((dom.byTestId('savepoint-resume') as HTMLButtonElement).disabled).toBe(true);
    act(() =>
      editorStore.getState().runtimeEvent({ type: 'job.status', jobId: 'j1', status: 'FINISHED', timestamp: 2 }),
    );
    expect(dom.byTestId('savepoint-stop')).toBeNull();

    act(() => editorStore.getState().updateOperator('sum', { parallelism: 3 }));
    act(() => dom.byTestId('savepoint-resume')!.click());
    await until(() => editorStore.getState().serverProblems.length > 0 && !editorStore.getState().submitting);
    expect(fetch).toHaveBeenCalledWith(
      '/jobs?savepointPath=%2Ftmp%2Fcp%2Fsavepoint-4',
      expect.objectContaining({ method: 'POST' }),
    );
    expect(dom.byTestId('savepoint-resume-problem')?.textContent).toContain('query.savepointPath');
    expect(dom.byTestId('savepoint-resume-problem')?.textContent).toContain('maxParallelism 128, job 64');
    // Nothing lost: the graph as edited, the savepoint to try again, the finished job.
    const state = editorStore.getState();
    expect(state.jobGraph.operators.find((op) => op.id === 'sum')?.parallelism).toBe(3);
    expect(state.savepointLocation).toBe('/tmp/cp/savepoint-4');
    expect(state.job?.jobId).toBe('j1');
    expect((dom.byTestId('savepoint-resume') as HTMLButtonElement).disabled).toBe(false);
  });
});
