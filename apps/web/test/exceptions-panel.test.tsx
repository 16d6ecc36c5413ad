// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import ExceptionsPanel from '../src/failover/ExceptionsPanel';
import { editorStore } from '../src/store/app-store';
import { reactRootPerTest } from './support/react-root';

const dom = reactRootPerTest();
const graph = structuredClone(exampleById('wordcount')!.jobGraph) as JobGraph;
// What the JobMaster says when the slots never come (packages/cluster jobmaster/failover/job-failures.ts).
const NO_SLOTS = 'Could not allocate the required slots within 5000 ms: the job needs 8 slots, the cluster has 4';

describe('Exceptions panel', () => {
  it("shows the failure of a job that FAILED before any task did (not enough slots), not 'No failure so far'", () => {
    act(() => {
      editorStore.getState().loadJobGraph(structuredClone(graph));
      editorStore.getState().jobSubmitted('j1', planExecutionGraph(graph));
      editorStore.getState().runtimeEvent({ type: 'job.status', jobId: 'j1', status: 'CREATED', timestamp: 1 });
    });
    act(() => dom.root.render(<ExceptionsPanel />));
    expect(dom.container.textContent).toContain('No failure so far.');
    act(() =>
      editorStore
        .getState()
        .runtimeEvent({ type: 'job.status', jobId: 'j1', status: 'FAILED', timestamp: 5001, message: NO_SLOTS }),
    );
    expect(dom.container.textContent).not.toContain('No failure so far.');
    expect(dom.byTestId('exceptions-job-failure')?.textContent).toBe(
      `The job FAILED before any task failed${NO_SLOTS}`,
    );
  });
});
