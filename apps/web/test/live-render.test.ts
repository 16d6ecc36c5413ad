import { describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { eventBatcher, type FrameScheduler } from '../src/runtime/event-batch';
import { applyJobDetails, applyJobEvent, newLiveJob } from '../src/runtime/live-job';
import { operatorRuntimeOf, sameData } from '../src/runtime/live-slice';
import { operatorRuntime } from '../src/runtime/operator-runtime';
import { createStagger, groupOf } from '../src/runtime/stagger';
import { metricsFrame, subtaskMetrics } from './support/metrics';

/** Frames on demand: `frame()` runs what was requested before it, as the browser does before drawing. */
function manualFrames(): FrameScheduler & { frame: () => void; pending: () => number } {
  let queue: (() => void)[] = [];
  return {
    request: (callback) => void queue.push(callback),
    frame: () => {
      const due = queue;
      queue = [];
      for (const callback of due) callback();
    },
    pending: () => queue.length,
  };
}

describe('runtime events coalesced per animation frame', () => {
  it('delivers what arrived before a frame together, in arrival order, once', () => {
    const frames = manualFrames();
    const delivered: number[][] = [];
    const batch = eventBatcher<number>((events) => delivered.push([...events]), frames);
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(delivered).toEqual([]);
    expect(frames.pending()).toBe(1); // one frame asked for, not one per event
    frames.frame();
    expect(delivered).toEqual([[1, 2, 3]]);
    frames.frame();
    expect(delivered).toHaveLength(1); // nothing new: no empty delivery
    batch.push(4);
    batch.flush(); // e.g. the socket closes: nothing is lost
    expect(delivered).toEqual([[1, 2, 3], [4]]);
    frames.frame();
    expect(delivered).toHaveLength(2);
  });
});

describe('staggered updates of a large canvas', () => {
  it('gives every key a stable group within range', () => {
    for (const key of ['p0-o0', 'p19-o9', 'a>b', '']) {
      expect(groupOf(key, 16)).toBe(groupOf(key, 16));
      expect(groupOf(key, 16)).toBeGreaterThanOrEqual(0);
      expect(groupOf(key, 16)).toBeLessThan(16);
    }
  });

  it('after a change, calls one group per frame until every group has caught up', () => {
    const frames = manualFrames();
    const stagger = createStagger(frames, 3);
    const calls: number[] = [];
    const unsubscribe = [0, 1, 2].map((g) => stagger.subscribe(g, () => calls.push(g)));
    stagger.changed();
    stagger.changed(); // two changes before a frame: still one sweep
    frames.frame();
    expect(calls).toEqual([0]);
    frames.frame();
    frames.frame();
    expect(calls).toEqual([0, 1, 2]);
    frames.frame();
    expect(calls).toEqual([0, 1, 2]); // swept: idle until the next change
    expect(frames.pending()).toBe(0);

    stagger.changed();
    frames.frame();
    stagger.changed(); // a change during a sweep: every group sees it, the ones already swept included
    frames.frame();
    frames.frame();
    frames.frame();
    expect(calls).toEqual([0, 1, 2, 0, 1, 2, 0]);
    frames.frame();
    expect(calls).toHaveLength(7);

    unsubscribe[0]!();
    stagger.changed();
    frames.frame();
    frames.frame();
    frames.frame();
    expect(calls).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]); // group 0 has no listener any more
  });
});

describe('live slices', () => {
  it('compares plain data structurally', () => {
    expect(sameData({ a: [1, { b: null }], c: 'x' }, { a: [1, { b: null }], c: 'x' })).toBe(true);
    expect(sameData({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
  });

  it("derives one operator's runtime exactly as the whole-job fold does", () => {
    const plan = planExecutionGraph(exampleById('figure-3-2')!.jobGraph);
    let job = newLiveJob('j1', plan);
    const [first, second] = plan.vertices;
    job = applyJobEvent(job, {
      type: 'task.state',
      jobId: 'j1',
      vertexId: first!.id,
      subtaskIndex: 0,
      state: 'RUNNING',
      timestamp: 1,
    });
    job = applyJobEvent(
      job,
      metricsFrame('j1', 1, [
        subtaskMetrics({ vertexId: first!.id, subtaskIndex: 0, recordsOut: 5 }),
        subtaskMetrics({ vertexId: second!.id, subtaskIndex: 0, recordsIn: 3 }),
      ]),
    );
    const whole = operatorRuntime(job);
    for (const vertex of plan.vertices) {
      for (const operatorId of vertex.operators)
        expect(operatorRuntimeOf(plan, job.taskStates, job.records, operatorId)).toEqual(whole[operatorId]);
    }
    expect(operatorRuntimeOf(plan, job.taskStates, job.records, 'not-in-the-plan')).toBeNull();
  });

  it('keeps every status the job entered, in order, from the events even when a REST snapshot set the status first', () => {
    const plan = planExecutionGraph(exampleById('recovery')!.jobGraph);
    let job = newLiveJob('j1', plan);
    const status = (s: 'CREATED' | 'RUNNING' | 'RESTARTING' | 'FINISHED', timestamp: number) =>
      (job = applyJobEvent(job, { type: 'job.status', jobId: 'j1', status: s, timestamp }));
    status('CREATED', 100);
    job = applyJobDetails(job, {
      jobId: 'j1',
      name: 'recovery',
      status: 'RUNNING',
      startTime: 100,
      endTime: null,
      jobGraph: null,
      executionGraph: null,
      subtasks: [],
      sinks: {},
      failure: null,
    });
    status('RUNNING', 120);
    status('RUNNING', 130);
    status('RESTARTING', 900);
    status('RUNNING', 1400);
    status('FINISHED', 2000);
    expect(job.statusTimeline).toEqual([
      { status: 'CREATED', timestamp: 100 },
      { status: 'RUNNING', timestamp: 120 },
      { status: 'RESTARTING', timestamp: 900 },
      { status: 'RUNNING', timestamp: 1400 },
      { status: 'FINISHED', timestamp: 2000 },
    ]);
  });

  it('leaves the job as it is when a status event repeats its status', () => {
    const plan = planExecutionGraph(exampleById('figure-3-2')!.jobGraph);
    const running = applyJobEvent(newLiveJob('j1', plan), {
      type: 'job.status',
      jobId: 'j1',
      status: 'RUNNING',
      timestamp: 1,
    });
    expect(applyJobEvent(running, { type: 'job.status', jobId: 'j1', status: 'RUNNING', timestamp: 2 })).toBe(running);
    expect(applyJobEvent(running, { type: 'job.status', jobId: 'j1', status: 'FINISHED', timestamp: 3 }).status).toBe(
      'FINISHED',
    );
  });
});
