/** The step store folds the worker's answers into one event log: advances append, step back and reset truncate. */
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { StepController } from '../src/step/step-controller';
import type { StepState } from '../src/step/step-protocol';
import { stepStore } from '../src/step/step-store';

const job: JobGraph = {
  version: 1,
  name: 'seq',
  operators: [
    { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 4 } },
    { id: 'out', kind: 'sink.collect', parallelism: 1, chaining: 'HEAD' },
  ],
  edges: [{ source: 'src', target: 'out' }],
};

function answer(c: StepController, logFrom: number, events: StepState['events']): StepState {
  return {
    stepCount: c.stepCount,
    snapshot: c.snapshot(),
    result: c.result(),
    ended: c.hasEnded,
    logFrom,
    events,
    stoppedBy: null,
    hit: null,
  };
}

describe('step store', () => {
  it("appends advances, truncates on step back and reset, so the log always equals the controller's", () => {
    const c = new StepController(job, 1);
    const store = stepStore.getState();
    store.activate();
    store.stateReceived(answer(c, 0, []));
    for (const count of [2, 3]) {
      const from = c.stepCount;
      store.stateReceived(answer(c, from, c.advance({ type: 'steps', count }, count).events));
    }
    expect(stepStore.getState().log).toEqual(c.log);
    expect(stepStore.getState().log.map((e) => e.index)).toEqual([1, 2, 3, 4, 5]);
    c.back();
    store.stateReceived(answer(c, c.stepCount, []));
    expect(stepStore.getState().log.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(stepStore.getState().stepCount).toBe(4);
    c.reset();
    store.stateReceived(answer(c, 0, []));
    expect(stepStore.getState().log).toEqual([]);
  });

  it('keeps breakpoints unique and forgets the session, not the breakpoints, when step mode is left', () => {
    const store = stepStore.getState();
    store.addBreakpoint({ type: 'watermarkPasses', operatorId: 'w', value: 9 });
    store.addBreakpoint({ type: 'watermarkPasses', operatorId: 'w', value: 9 });
    store.addBreakpoint({ type: 'windowFired' });
    expect(stepStore.getState().breakpoints).toEqual([
      { type: 'windowFired' },
      { type: 'watermarkPasses', operatorId: 'w', value: 9 },
    ]);
    store.removeBreakpoint({ type: 'windowFired' });
    store.deactivate();
    expect(stepStore.getState()).toMatchObject({
      active: false,
      log: [],
      snapshot: null,
      breakpoints: [{ type: 'watermarkPasses', operatorId: 'w', value: 9 }],
    });
  });
});
