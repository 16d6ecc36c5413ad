/** The process-function lesson on the fraud-detection example: its first step ticks when the run ends with both alerts. */
import { describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { createEditorStore } from '../../src/store/editor';
import { lessonById, sinceLessonOpened } from '../../src/workshop/lessons';

describe('the process functions lesson', () => {
  const example = exampleById('fraud-detection')!;
  const lesson = lessonById('fraud-detection')!;

  it('ticks its run step once the job finished with the two alerts; the step-mode steps are ticked by hand', () => {
    const store = createEditorStore(structuredClone(example.jobGraph));
    const checks = () => lesson.steps.map((step) => step.done?.(sinceLessonOpened(store.getState(), null)));
    expect(checks()).toEqual([false, undefined, undefined]);
    store.getState().jobSubmitted('j1', planExecutionGraph(example.jobGraph));
    const alerts = example.expectedSinkRecords.alerts!;
    store
      .getState()
      .runtimeEvent({ type: 'sink.records', jobId: 'j1', operatorId: 'alerts', values: alerts.slice(0, 1) });
    store.getState().runtimeEvent({ type: 'job.status', jobId: 'j1', status: 'FINISHED', timestamp: 1 });
    expect(checks()[0]).toBe(false);
    store.getState().runtimeEvent({ type: 'sink.records', jobId: 'j1', operatorId: 'alerts', values: alerts.slice(1) });
    expect(checks()).toEqual([true, undefined, undefined]);
  });
});
