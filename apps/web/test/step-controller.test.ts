/**
 * The Step mode's controller on the real engine StepSession (pure, no worker needed): replay for step back,
 * breakpoints, "next watermark", and the §8 Ex 1 window results as the stepper meets them.
 */
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { StepController } from '../src/step/step-controller';

const EX1_INPUT: [number, number][] = [
  [1, 1],
  [5, 2],
  [3, 3],
  [8, 4],
  [4, 5],
  [12, 6],
  [2, 7],
  [15, 8],
  [10, 9],
  [20, 10],
];

/** §8 Ex 1: BoundedOutOfOrderness(2), Tumbling(5), L=0, one key, watermark after every element (perRecord). */
const ex1: JobGraph = {
  version: 1,
  name: 'ex1',
  operators: [
    {
      id: 'src',
      kind: 'source.collection',
      parallelism: 1,
      params: { elements: EX1_INPUT.map(([ts, n]) => ({ value: { user: 'a', n }, timestamp: ts })) },
    },
    {
      id: 'wm',
      kind: 'watermarks',
      parallelism: 1,
      params: { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: 2, emit: 'perRecord' },
    },
    {
      id: 'win',
      kind: 'window',
      parallelism: 1,
      params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { sum: 'n' } },
    },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
    { id: 'late', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [
    { source: 'src', target: 'wm', partitioner: 'forward' },
    { source: 'wm', target: 'win', partitioner: 'hash', key: 'r => r.user' },
    { source: 'win', target: 'out', partitioner: 'forward' },
    // rebalance, so the late records cross a channel (a forward side output would be chained, §1).
    { source: 'win', target: 'late', partitioner: 'rebalance', sideOutput: 'late' },
  ],
};

const SEED = 7;
const windowTask = (c: StepController) => c.snapshot().tasks.find((t) => t.vertexId === 'win')!;

describe('StepController', () => {
  it("runs to the first window firing: [0,5)=4 when the window operator's watermark reaches 5 (§8 Ex 1, §6 EventTimeTrigger)", () => {
    const c = new StepController(ex1, SEED);
    const outcome = c.advance({ type: 'breakpoint', breakpoints: [{ type: 'windowFired' }] }, 10_000);
    expect(outcome.stoppedBy).toBe('breakpoint');
    expect(outcome.hit).toEqual({ type: 'windowFired' });
    const last = outcome.events.at(-1)!;
    expect(last.firedWindows).toEqual([{ operatorId: 'win', key: 'a', start: 0, end: 5, value: 4 }]);
    expect(outcome.events.slice(0, -1).every((e) => !e.firedWindows?.length)).toBe(true);
    // The step that fired it is the watermark 5 entering the window task (timers ≤ the new clock fire, §5 Timers).
    expect(last).toMatchObject({ kind: 'watermark', watermark: 5, vertexId: 'win' });
    expect(windowTask(c).currentWatermark).toBe(5);
    expect(windowTask(c).inputChannels.map((ch) => ch.watermark)).toEqual([5]);
    expect(c.stepCount).toBe(outcome.events.length);
    expect(c.log).toEqual(outcome.events);
  });

  it('stops where a watermark passes a value on an operator, once: the advance that crosses it', () => {
    const c = new StepController(ex1, SEED);
    const breakpoints = [{ type: 'watermarkPasses' as const, operatorId: 'win', value: 9 }];
    const first = c.advance({ type: 'breakpoint', breakpoints }, 10_000);
    expect(first.stoppedBy).toBe('breakpoint');
    const advances = first.events.flatMap((e) =>
      e.watermarkAdvanced?.operatorId === 'win' ? [e.watermarkAdvanced.watermark] : [],
    );
    // WM sequence on win per §8 Ex 1: −2, 2, 5, then 9 (12 − 3) passes 9.
    expect(advances).toEqual([-2, 2, 5, 9]);
    expect(first.events.at(-1)!.firedWindows).toEqual([{ operatorId: 'win', key: 'a', start: 5, end: 10, value: 6 }]);
    // Already past 9: running on does not stop at the next advance (12), only at the end.
    const rest = c.advance({ type: 'breakpoint', breakpoints }, 10_000);
    expect(rest.stoppedBy).toBe('ended');
    expect(c.result().status).toBe('FINISHED');
  });

  it("a watermark breakpoint on an operator chained behind the window watches the same task clock; the late sink's task passes 9 later", () => {
    const stopAt = (operatorId: string) => {
      const c = new StepController(ex1, SEED);
      c.advance({ type: 'breakpoint', breakpoints: [{ type: 'watermarkPasses', operatorId, value: 9 }] }, 10_000);
      return c.log.at(-1)!;
    };
    const onWindow = stopAt('win');
    // `out` is chained behind `win` (forward, same parallelism, §1 Operator chaining): same task, same clock, same step.
    expect(stopAt('out')).toEqual(onWindow);
    // `late` reads the side output over its own channel: its clock passes 9 when the watermark 9 reaches it, a later step.
    const onLate = stopAt('late');
    expect(onLate).toMatchObject({
      vertexId: 'late',
      kind: 'watermark',
      watermark: 9,
      watermarkAdvanced: { watermark: 9 },
    });
    expect(onLate.index).toBeGreaterThan(onWindow.index);
  });

  it('"next watermark" stops at the first step that moves a watermark', () => {
    const c = new StepController(ex1, SEED);
    const outcome = c.advance({ type: 'nextWatermark' }, 10_000);
    expect(outcome.stoppedBy).toBe('goal');
    expect(outcome.events.at(-1)!.kind).toBe('watermark');
    expect(outcome.events.slice(0, -1).some((e) => e.kind === 'watermark')).toBe(false);
  });

  it('steps back by deterministic replay: the state after k−1 steps, whatever the seed gives', () => {
    const stepped = new StepController(ex1, SEED);
    stepped.advance({ type: 'steps', count: 11 }, 11);
    const replayed = new StepController(ex1, SEED);
    replayed.advance({ type: 'steps', count: 12 }, 12);
    expect(replayed.back()).toBe(true);
    expect(replayed.stepCount).toBe(11);
    expect(replayed.snapshot()).toEqual(stepped.snapshot());
    expect(replayed.log).toEqual(stepped.log);
    // Forward again from the replayed state takes the same twelfth step.
    const again = replayed.advance({ type: 'steps', count: 1 }, 1);
    const fresh = new StepController(ex1, SEED);
    expect(again.events).toEqual([fresh.advance({ type: 'steps', count: 12 }, 12).events[11]]);
  });

  it('a watermark breakpoint hit again after stepping back over it, since replay rebuilds what the watermark was', () => {
    const c = new StepController(ex1, SEED);
    const breakpoints = [{ type: 'watermarkPasses' as const, operatorId: 'win', value: 5 }];
    const hit = c.advance({ type: 'breakpoint', breakpoints }, 10_000);
    const at = c.stepCount;
    c.back();
    const again = c.advance({ type: 'breakpoint', breakpoints }, 10_000);
    expect(again.stoppedBy).toBe('breakpoint');
    expect(c.stepCount).toBe(at);
    expect(again.events).toEqual([hit.events.at(-1)]);
  });

  it('runs to the end with the §8 Ex 1 results and late records; back from the end and reset to step 0', () => {
    const c = new StepController(ex1, SEED);
    const outcome = c.advance({ type: 'steps', count: 10_000 }, 10_000);
    expect(outcome.stoppedBy).toBe('ended');
    expect(c.hasEnded).toBe(true);
    const result = c.result();
    expect(result.status).toBe('FINISHED');
    expect(result.sinks.out).toEqual([
      { key: 'a', start: 0, end: 5, value: 4 },
      { key: 'a', start: 5, end: 10, value: 6 },
      { key: 'a', start: 10, end: 15, value: 15 },
      { key: 'a', start: 15, end: 20, value: 8 },
      { key: 'a', start: 20, end: 25, value: 10 },
    ]);
    expect(result.sinks.late).toEqual([
      { user: 'a', n: 5 },
      { user: 'a', n: 7 },
    ]);
    const total = c.stepCount;
    expect(c.back()).toBe(true);
    expect(c.hasEnded).toBe(false);
    expect(c.advance({ type: 'steps', count: 10_000 }, 10_000).events).toHaveLength(1);
    expect(c.stepCount).toBe(total);
    c.reset();
    expect(c.stepCount).toBe(0);
    expect(c.log).toEqual([]);
    expect(c.back()).toBe(false);
  });

  it('a user function that throws ends the stepping with the job FAILED, naming the operator', () => {
    const failing: JobGraph = {
      version: 1,
      name: 'boom',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 5 } },
        {
          id: 'boom',
          kind: 'map',
          parallelism: 1,
          params: { fn: 'x => { if (x === 3) throw new Error("no threes"); return x; }' },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1, chaining: 'HEAD' },
      ],
      edges: [
        { source: 'src', target: 'boom' },
        { source: 'boom', target: 'out' },
      ],
    };
    const c = new StepController(failing, SEED);
    expect(c.advance({ type: 'breakpoint', breakpoints: [{ type: 'windowFired' }] }, 10_000).stoppedBy).toBe('ended');
    const result = c.result();
    expect(result.status).toBe('FAILED');
    expect(result.failure).toMatchObject({ operatorId: 'boom', vertexId: 'src', subtaskIndex: 0 });
    expect(result.failure!.message).toContain('no threes');
    // Records before the failing one may reach the sink; 3 and everything after never do.
    expect(result.sinks.out ?? []).not.toContain(3);
    expect(c.advance({ type: 'steps', count: 1 }, 1)).toEqual({ events: [], stoppedBy: 'ended', hit: null });
  });

  it('a budget smaller than the goal stops early and says so (a run/pause frame)', () => {
    const c = new StepController(ex1, SEED);
    const outcome = c.advance({ type: 'breakpoint', breakpoints: [] }, 3);
    expect(outcome).toMatchObject({ stoppedBy: 'budget', hit: null });
    expect(outcome.events.map((e) => e.index)).toEqual([1, 2, 3]);
  });
});

/** One key; a processing-time timer at 1000 ms per record, whose firing the sink shows. */
const timers: JobGraph = {
  version: 1,
  name: 'timers',
  operators: [
    { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 'a' }, { value: 'a' }] } },
    {
      id: 'proc',
      kind: 'process',
      parallelism: 1,
      params: {
        fn: '(v, ctx, out) => { ctx.timerService().registerProcessingTimeTimer(1000); out.collect("in"); }',
        onTimer: '(t, ctx, out) => out.collect("fired at " + ctx.timerService().currentProcessingTime())',
      },
    },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ],
  edges: [
    { source: 'src', target: 'proc', partitioner: 'hash', key: 'v => v' },
    { source: 'proc', target: 'out', partitioner: 'forward' },
  ],
};

describe('StepController and processing time', () => {
  /** Steps until the process function took its first record (its timer is then pending). */
  const afterFirstRecord = () => {
    const c = new StepController(timers, SEED);
    while (!c.log.some((e) => e.vertexId === 'proc' && e.kind === 'record')) c.advance({ type: 'steps', count: 1 }, 1);
    return c;
  };

  it('"advance processing time by 1 s" twice passes the timer at 1000: it fires in the steps that follow', () => {
    const c = afterFirstRecord();
    c.advanceProcessingTime(1000);
    expect(c.snapshot().operatorProcessingTime).toBe(1000);
    c.advanceProcessingTime(1000);
    c.advance({ type: 'steps', count: 1000 }, 1000);
    expect(c.result().sinks.out).toContain('fired at 2000');
  });

  it('step back replays the advance at the same step; back past it undoes it; reset forgets it', () => {
    const c = afterFirstRecord();
    const at = c.stepCount;
    c.advanceProcessingTime(1001);
    c.advance({ type: 'steps', count: 2 }, 2);
    const before = c.snapshot();
    c.advance({ type: 'steps', count: 1 }, 1);
    c.back();
    expect(c.snapshot()).toEqual(before);
    while (c.stepCount > at) c.back();
    expect(c.snapshot().operatorProcessingTime).toBe(1001);
    c.back();
    expect(c.snapshot().operatorProcessingTime).toBe(0);
    c.advance({ type: 'steps', count: 1000 }, 1000);
    expect(c.result().sinks.out).toEqual(['in', 'in']);
    c.reset();
    expect(c.snapshot().operatorProcessingTime).toBe(0);
  });
});
