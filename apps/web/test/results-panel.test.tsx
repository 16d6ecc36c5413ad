// @vitest-environment jsdom
import { act, Profiler } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { RuntimeEvent } from '@sluice/protocol';
import ResultsPanel from '../src/components/panels/ResultsPanel';
import { RECORDS_SHOWN } from '../src/components/panels/ResultsPanelSinkRecords';
import { editorStore } from '../src/store/app-store';
import { reactRootPerTest } from './support/react-root';

const slowSink = structuredClone(exampleById('backpressure-slow-sink')!.jobGraph) as JobGraph;
const plan = planExecutionGraph(slowSink);

// Mounted by the beforeEach below, once the store holds the submitted job.
const dom = reactRootPerTest();
let commits: number;

const shownRecords = () => dom.container.querySelectorAll('[data-testid="sink-record"]');
const byTestId = dom.byTestId;

function metricsFrame(recordsOut: number): RuntimeEvent {
  return {
    type: 'metrics',
    jobId: 'j1',
    timestamp: recordsOut,
    channels: [],
    subtasks: plan.vertices.map((v) => ({
      vertexId: v.id,
      subtaskIndex: 0,
      recordsIn: recordsOut,
      recordsOut,
      busyMsPerSecond: 100,
      idleMsPerSecond: 0,
      backPressuredMsPerSecond: 900,
      inPoolUsage: 1,
      outPoolUsage: 1,
      currentInputWatermark: null,
    })),
  };
}

const sinkRecords = (values: unknown[]): RuntimeEvent => ({
  type: 'sink.records',
  jobId: 'j1',
  operatorId: 'slow-sink',
  values,
});

beforeEach(() => {
  editorStore.getState().loadJobGraph(slowSink);
  editorStore.getState().jobSubmitted('j1', plan);
  commits = 0;
  act(() =>
    dom.root.render(
      <Profiler id="results" onRender={() => (commits += 1)}>
        <ResultsPanel />
      </Profiler>,
    ),
  );
});

describe('results panel', () => {
  it('redraws when sink records arrive, not on the metrics frames in between', () => {
    const send = editorStore.getState().runtimeEvent;
    act(() => send(sinkRecords([1, 2, 3])));
    const afterRecords = commits;
    expect(shownRecords()).toHaveLength(3);

    act(() => {
      send(metricsFrame(10));
      send(metricsFrame(20));
    });
    act(() => send(metricsFrame(30)));
    expect(editorStore.getState().job!.records).not.toEqual({}); // the frames did reach the live job
    expect(commits).toBe(afterRecords);

    act(() => send(sinkRecords([4])));
    expect(commits).toBe(afterRecords + 1);
    expect(Array.from(shownRecords(), (li) => li.textContent)).toEqual(['1', '2', '3', '4']);
  });

  it(`draws the first ${RECORDS_SHOWN} records of a large output and counts the rest`, () => {
    const values = Array.from({ length: 2500 }, (_, i) => ({ n: i }));
    act(() => editorStore.getState().runtimeEvent(sinkRecords(values)));
    expect(shownRecords()).toHaveLength(RECORDS_SHOWN);
    expect(shownRecords()[RECORDS_SHOWN - 1]!.textContent).toBe(`{"n":${RECORDS_SHOWN - 1}}`);
    expect(byTestId('sink-count-slow-sink')!.textContent).toBe('2500 records');
    expect(byTestId('sink-more-slow-sink')!.textContent).toBe(`… and ${2500 - RECORDS_SHOWN} more`);
  });

  it('shows every record and no "more" line while the output fits', () => {
    act(() => editorStore.getState().runtimeEvent(sinkRecords(Array.from({ length: RECORDS_SHOWN }, (_, i) => i))));
    expect(shownRecords()).toHaveLength(RECORDS_SHOWN);
    expect(byTestId('sink-more-slow-sink')).toBeNull();
  });

  it('marks a sink the Dispatcher truncated (JobDetails.sinksTruncated), and only that one', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    act(() => editorStore.getState().runtimeEvent(sinkRecords(values)));
    expect(byTestId('sink-truncated-slow-sink')).toBeNull();
    act(() =>
      editorStore.getState().jobDetailsReceived({
        jobId: 'j1',
        name: slowSink.name,
        status: 'RUNNING',
        startTime: 0,
        endTime: null,
        failure: null,
        jobGraph: slowSink,
        executionGraph: plan,
        subtasks: [],
        sinks: { 'slow-sink': values },
        sinksTruncated: ['slow-sink'],
      }),
    );
    expect(byTestId('sink-truncated-slow-sink')!.textContent).toBe(
      'Truncated: the server keeps the first 10000 records of a collect sink; later ones were not kept.',
    );
  });
});
