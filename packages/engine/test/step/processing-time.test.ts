/**
 * Processing time in step mode (design.md, processing time): processing-time timers of a keyed process function
 * read a virtual clock that starts at 0 and moves only when advanced — by hand (advanceProcessingTime, the step
 * view's button) or by `processingTimeStepMs` before every step — so every replay is the same. A timer t fires
 * once the clock has passed t, as on a TaskManager (Flink's SystemProcessingTimeService).
 */
import type { JobGraph } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { createStepSession, replayTo, type StepSession } from '../../src/step/index.js';
import { stepToEnd } from './step-harness.js';

const job: JobGraph = {
  version: 1,
  name: 'processing-time timers',
  operators: [
    {
      id: 'src',
      kind: 'source.collection',
      parallelism: 1,
      params: { elements: [{ value: { k: 'a' } }, { value: { k: 'b' } }, { value: { k: 'a' } }] },
    },
    {
      id: 'proc',
      kind: 'process',
      // One subtask, so its end of input comes behind all three records on one channel.
      parallelism: 1,
      params: {
        fn: `(value, ctx, out) => {
          const count = ctx.state.value('count');
          count.update((count.value() ?? 0) + 1);
          const timers = ctx.timerService();
          timers.registerProcessingTimeTimer(1000);
          out.collect(value.k + ' seen at ' + timers.currentProcessingTime());
        }`,
        onTimer: `(timestamp, ctx, out) => out.collect(ctx.getCurrentKey() + ' fired ' + timestamp + ' at '
          + ctx.timerService().currentProcessingTime() + ' ' + ctx.timeDomain() + ' count ' + ctx.state.value('count').value())`,
      },
    },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [
    { source: 'src', target: 'proc', partitioner: 'hash', key: 'r => r.k' },
    { source: 'proc', target: 'out', partitioner: 'rebalance' },
  ],
};

/** Steps until the process function has taken all three records (the end of input may still be on its way). */
function stepUntilAllProcessed(session: StepSession): void {
  let processed = 0;
  while (processed < 3) {
    const event = session.step();
    if (event === null) throw new Error('the job ended first');
    if (event.vertexId === 'proc' && event.kind === 'record') processed++;
  }
}

const timersOf = (session: StepSession) =>
  session
    .snapshot()
    .tasks.filter((t) => t.vertexId === 'proc')
    .flatMap((t) => t.operators.flatMap((o) => o.timers))
    .sort((x, y) => String(x.key).localeCompare(String(y.key)));

describe('the virtual processing-time clock of step mode', () => {
  it.each([0, 1, 2])('seed %i: without advancing, the clock stays at 0 and pending timers never fire', (seed) => {
    const { session } = stepToEnd(job, { seed });
    expect(session.snapshot().operatorProcessingTime).toBe(0);
    expect([...session.result().sinks.out!].sort()).toEqual(['a seen at 0', 'a seen at 0', 'b seen at 0']);
  });

  it.each([0, 1, 2])('seed %i: advanced by hand, each key’s timer fires once, after the clock passed it', (seed) => {
    const session = createStepSession(job, { seed });
    stepUntilAllProcessed(session);
    expect(timersOf(session)).toEqual([
      { time: 1000, domain: 'processing', key: 'a' },
      { time: 1000, domain: 'processing', key: 'b' },
    ]);
    session.advanceProcessingTime(1000);
    expect(session.snapshot().operatorProcessingTime).toBe(1000);
    while (session.step() !== null);
    // At 1000 the timers have not passed yet; the job ended, and timers pending at the end never fire (as Flink).
    expect(session.result().sinks.out!.filter((line) => String(line).includes('fired'))).toEqual([]);

    const later = createStepSession(job, { seed });
    stepUntilAllProcessed(later);
    later.advanceProcessingTime(1001);
    while (later.step() !== null);
    expect(later.result().status).toBe('FINISHED');
    expect([...later.result().sinks.out!].sort()).toEqual([
      'a fired 1000 at 1001 PROCESSING_TIME count 2',
      'a seen at 0',
      'a seen at 0',
      'b fired 1000 at 1001 PROCESSING_TIME count 1',
      'b seen at 0',
    ]);
  });

  it('a replay repeats the advances made by hand at the same steps, so step back stays exact', () => {
    const session = createStepSession(job, { seed: 3 });
    stepUntilAllProcessed(session);
    const afterStep = session.stepCount;
    session.advanceProcessingTime(1001);
    for (let i = 0; i < 3 && session.step() !== null; i++);
    const replayed = replayTo(job, { seed: 3, processingTimeAdvances: [{ afterStep, ms: 1001 }] }, session.stepCount);
    expect(replayed.snapshot()).toEqual(session.snapshot());
    while (session.step() !== null);
    while (replayed.step() !== null);
    expect(replayed.result()).toEqual(session.result());
  });

  it('processingTimeStepMs moves the clock before every step: timers fire during the run, the same on every run', () => {
    const run = () => stepToEnd(job, { seed: 5, processingTimeStepMs: 250 });
    const { session, events } = run();
    expect(run().events).toEqual(events);
    expect(session.snapshot().operatorProcessingTime).toBe(250 * session.stepCount);
    // A timer registered when its time has already passed ("a" again at 3000) fires at the next wake-up, as in Flink.
    expect(session.result().sinks.out).toEqual([
      'a seen at 500',
      'a fired 1000 at 1750 PROCESSING_TIME count 1',
      'b seen at 2000',
      'b fired 1000 at 2500 PROCESSING_TIME count 1',
      'a seen at 3000',
      'a fired 1000 at 3500 PROCESSING_TIME count 2',
    ]);
  });

  it('refuses a negative or fractional processing-time step, naming the option', () => {
    expect(() => createStepSession(job, { seed: 0, processingTimeStepMs: -1 })).toThrow(
      'options.processingTimeStepMs: must be a whole number ≥ 0, got -1',
    );
    expect(() => createStepSession(job, { seed: 0, processingTimeAdvances: [{ afterStep: 0, ms: 0.5 }] })).toThrow(
      'options.processingTimeAdvances[0].ms: must be a whole number ≥ 0, got 0.5',
    );
  });
});
