import { describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { RuntimeEvent } from '@sluice/protocol';
import { createEditorStore } from '../src/store/editor';
import { forgetPreviousJobOnLoad } from '../src/store/job-switch';
import { usePlots } from '../src/plots/plots-store';
import { stepStore } from '../src/step/step-store';

const graph = (id: string): JobGraph => structuredClone(exampleById(id)!.jobGraph);

function metrics(jobId: string, timestamp: number, recordsOut: number): RuntimeEvent {
  return {
    type: 'metrics',
    jobId,
    timestamp,
    channels: [],
    subtasks: [
      {
        vertexId: 'v',
        subtaskIndex: 0,
        recordsIn: 0,
        recordsOut,
        busyMsPerSecond: 0,
        idleMsPerSecond: 1000,
        backPressuredMsPerSecond: 0,
        inPoolUsage: 0,
        outPoolUsage: 0,
        currentInputWatermark: null,
      },
    ],
  };
}

describe('switching jobs (loading another graph) forgets the previous job', () => {
  it('clears status, exceptions, savepoint state, plot series and breakpoints', () => {
    const store = createEditorStore(graph('wordcount'));
    const stop = forgetPreviousJobOnLoad(store, {
      resetPlots: () => usePlots.getState().reset(),
      resetBreakpoints: () => stepStore.getState().resetBreakpoints(),
    });
    const { jobGraph } = store.getState();
    store.getState().jobSubmitted('job-1', planExecutionGraph(jobGraph), 'file:///savepoints/sp-1');
    store.getState().runtimeEvent({ type: 'job.status', jobId: 'job-1', status: 'FAILED', timestamp: 1 });
    store.getState().jobSubmitFailed('cancel refused');
    store.getState().savepointRequested('stop', 'job-1');
    usePlots.getState().plotEvent(metrics('job-1', 1000, 0));
    usePlots.getState().plotEvent(metrics('job-1', 2000, 200));
    stepStore.getState().addBreakpoint({ type: 'watermarkPasses', operatorId: jobGraph.operators[0]!.id, value: 5 });
    expect(store.getState().job?.status).toBe('FAILED');
    expect(usePlots.getState().plots.jobId).toBe('job-1');

    store.getState().loadJobGraph(graph('wordcount'));

    const state = store.getState();
    expect(state.job).toBeNull();
    expect(state.network).toBeNull();
    expect(state.jobError).toBeNull();
    expect(state.savepoint).toBeNull();
    expect(state.savepointLocation).toBeNull();
    expect(state.resumedFrom).toBeNull();
    expect(state.slotsPeak).toBe(0);
    expect(usePlots.getState().plots.jobId).toBeNull();
    expect(usePlots.getState().plots.throughput.times).toEqual([]);
    expect(stepStore.getState().breakpoints).toEqual([{ type: 'windowFired' }]);
    stop();
  });

  it('keeps the running job through edits of the same graph', () => {
    const store = createEditorStore(graph('wordcount'));
    store.getState().jobSubmitted('job-1', planExecutionGraph(store.getState().jobGraph));
    store.getState().renameJob('still the same job');
    expect(store.getState().job?.jobId).toBe('job-1');
  });
});
