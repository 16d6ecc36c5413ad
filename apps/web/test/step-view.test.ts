/**
 * The step snapshot laid onto the logical canvas, on the real engine session of the out-of-order example
 * (§8 Ex 1 data): which node shows which subtask's watermarks, which edge shows which channel's elements.
 */
import { describe, expect, it } from 'vitest';
import { END_OF_EVENT_TIME } from '@sluice/engine';
import { exampleById } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { formatEventTime, formatRecord, formatValue, formatWindow } from '../src/step/format';
import { StepController } from '../src/step/step-controller';
import { edgeStepView, jobEdgeFor, operatorStepView } from '../src/step/step-view';

const example = exampleById('out-of-order-tumbling')!;
const jobGraph = example.jobGraph;
const plan = planExecutionGraph(jobGraph);
const edge = (source: string, target: string) =>
  jobGraph.edges.find((e) => e.source === source && e.target === target)!;

function atFirstFiring() {
  const c = new StepController(jobGraph, 3);
  c.advance({ type: 'breakpoint', breakpoints: [{ type: 'windowFired' }] }, 10_000);
  return { snapshot: c.snapshot(), log: c.log, last: c.log.at(-1)! };
}

describe('step view', () => {
  it("draws a task's watermark and its input channels on the chain head, at the step the watermark 5 fired [0,5) (§5, §8 Ex 1)", () => {
    const { snapshot, log } = atFirstFiring();
    const window = operatorStepView(plan, snapshot, log, 'window')!;
    expect(window.subtasks).toEqual([
      {
        subtaskIndex: 0,
        state: 'RUNNING',
        watermark: 5,
        inputs: [{ producer: 'watermarks#0', watermark: 5, idle: false }],
        justMoved: true,
      },
    ]);
    // [0,5) fired and, with L=0, was cleaned up at the same watermark (cleanup 4 ≤ 5, §5 Lateness); [5,10) holds 2+4.
    expect(window.windows).toEqual([{ subtaskIndex: 0, key: 's1', start: 5, end: 10, value: 6, count: 2 }]);
    expect(window.timers.map((t) => [t.time, t.domain])).toEqual([[9, 'event']]);
    // The results sink is chained behind the window: no subtasks of its own to draw.
    expect(operatorStepView(plan, snapshot, log, 'results')?.subtasks).toBeNull();
    expect(operatorStepView(plan, snapshot, log, 'nowhere')).toBeNull();
  });

  it('draws the watermark a chained watermarks operator emitted on that operator: maxTs − 2 − 1 of what its source emitted (§5 BoundedOutOfOrderness)', () => {
    const { snapshot, log } = atFirstFiring();
    const watermarks = operatorStepView(plan, snapshot, log, 'watermarks')!;
    expect(watermarks.subtasks).toBeNull();
    const sourceSteps = log.filter((e) => e.vertexId === 'readings' && e.channel === undefined);
    const sourceEnded = sourceSteps.some((e) => e.kind === 'watermark');
    const maxTs = Math.max(...sourceSteps.flatMap((e) => (e.kind === 'record' ? [e.timestamp!] : [])));
    expect(watermarks.emitted).toEqual([{ subtaskIndex: 0, watermark: sourceEnded ? END_OF_EVENT_TIME : maxTs - 3 }]);
    // The head shows the task's own view, not a copy of it.
    expect(operatorStepView(plan, snapshot, log, 'readings')!.emitted).toEqual([]);
  });

  it("draws a channel's elements on the JobGraph edge it stands for, with the element just taken", () => {
    const { snapshot, last } = atFirstFiring();
    const lanes = edgeStepView(plan, snapshot, edge('watermarks', 'window'), last)!;
    expect(lanes).toHaveLength(1);
    expect(lanes[0]).toMatchObject({
      producerSubtask: 0,
      consumerSubtask: 0,
      justTaken: { kind: 'watermark', watermark: 5 },
    });
    // Oldest first: 4@4 (late, v=5) entered the channel right after the watermark 5.
    expect(lanes[0]!.inFlight[0]).toEqual({ kind: 'record', value: { sensor: 's1', v: 5 }, timestamp: 4 });
    // Chained edges have no channel: readings → watermarks, and the forward side output window → late (§1).
    expect(jobEdgeFor(plan, edge('readings', 'watermarks'))).toBeNull();
    expect(edgeStepView(plan, snapshot, edge('readings', 'watermarks'), last)).toBeNull();
    expect(jobEdgeFor(plan, edge('window', 'late'))).toBeNull();
  });
});

describe('step view of a process function', () => {
  it('lists each key’s state on the detector: the fraud example holds a flag and a timer time for accounts 2 and 3', () => {
    const fraud = exampleById('fraud-detection')!.jobGraph;
    const c = new StepController(fraud, 1);
    // Up to the step the detector took account 3's 0.31: account 3's flag is set again, account 2's cleared by 725.10.
    while (!c.log.some((e) => e.vertexId === 'detector' && (e.value as { amount?: number })?.amount === 0.31))
      c.advance({ type: 'steps', count: 1 }, 1);
    const view = operatorStepView(planExecutionGraph(fraud), c.snapshot(), c.log, 'detector')!;
    const ofAccount3 = view.state.filter((s) => s.key === 3).map(({ name, kind, value }) => ({ name, kind, value }));
    expect(ofAccount3).toEqual([
      { name: 'smallSeen', kind: 'value', value: true },
      { name: 'timer', kind: 'value', value: 5000 },
    ]);
    expect(view.timers.filter((t) => t.key === 3).map((t) => [t.time, t.domain])).toEqual([[5000, 'processing']]);
  });
});

describe('step formatting', () => {
  it("reads Flink's long ends of event time as −∞ and +∞", () => {
    expect(formatEventTime(Number.MIN_SAFE_INTEGER)).toBe('−∞');
    expect(formatEventTime(END_OF_EVENT_TIME)).toBe('+∞');
    expect(formatEventTime(-2)).toBe('-2');
    expect(formatEventTime(null)).toBe('—');
    expect(formatWindow(0, 5)).toBe('[0,5)');
  });

  it('writes records as compact value@timestamp, quoting strings only where a bare word would mislead', () => {
    expect(formatRecord({ sensor: 's1', v: 4 }, 8)).toBe('{sensor:s1,v:4}@8');
    expect(formatRecord('5', 1)).toBe('"5"@1');
    expect(formatRecord('hello world', undefined)).toBe('"hello world"');
    expect(formatValue({ 'a b': [1, 'x'] })).toBe('{"a b":[1,x]}');
    expect(formatValue('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghi…');
  });
});
