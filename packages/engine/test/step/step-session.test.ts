/**
 * The step session moves one element per step through the job's real tasks (§5 Watermarks travel with the
 * records, §8 Ex 1 fires step by step), reproducibly for a seed.
 */
import { exampleById, type JobGraph } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { createStepSession, END_OF_EVENT_TIME, replayTo } from '../../src/step/index.js';
import { sourceToSink, stepToEnd } from './step-harness.js';

const channel = { edgeIndex: 0, sourceVertexId: 'src', producerSubtask: 0, targetVertexId: 'out', consumerSubtask: 0 };

describe('one element per step', () => {
  it('a one-record job: the source emits the record, then the end of event time (§5: a finite source ends with MAX_WATERMARK) with its end of partition; the sink takes the three one by one', () => {
    const { events, session } = stepToEnd(sourceToSink([{ value: 'a', timestamp: 1 }]), { seed: 0 });
    expect(events).toEqual([
      { index: 1, kind: 'record', vertexId: 'src', subtaskIndex: 0, value: 'a', timestamp: 1 },
      {
        index: 2,
        kind: 'watermark',
        vertexId: 'src',
        subtaskIndex: 0,
        watermark: END_OF_EVENT_TIME,
        watermarkAdvanced: { operatorId: 'src', subtaskIndex: 0, watermark: END_OF_EVENT_TIME },
      },
      { index: 3, kind: 'record', vertexId: 'out', subtaskIndex: 0, channel, value: 'a', timestamp: 1 },
      {
        index: 4,
        kind: 'watermark',
        vertexId: 'out',
        subtaskIndex: 0,
        channel,
        watermark: END_OF_EVENT_TIME,
        watermarkAdvanced: { operatorId: 'out', subtaskIndex: 0, watermark: END_OF_EVENT_TIME },
      },
      { index: 5, kind: 'endOfPartition', vertexId: 'out', subtaskIndex: 0, channel },
    ]);
    expect(session.stepCount).toBe(5);
    expect(session.step()).toBeNull();
    expect(session.result()).toEqual({ status: 'FINISHED', sinks: { out: ['a'] }, printed: [] });
  });

  it('a job configured with checkpointing steps as without it: the step view has no barriers to show', () => {
    const withCheckpointing = {
      ...sourceToSink([{ value: 'a', timestamp: 1 }]),
      config: { checkpointing: { intervalMs: 10, mode: 'EXACTLY_ONCE' as const } },
    };
    const { events, session } = stepToEnd(withCheckpointing, { seed: 0 });
    expect(events.map((e) => e.kind)).toEqual(['record', 'watermark', 'record', 'watermark', 'endOfPartition']);
    expect(session.result()).toEqual({ status: 'FINISHED', sinks: { out: ['a'] }, printed: [] });
  });

  it('the snapshots after the source’s two steps show the elements in flight on the channel and nothing taken yet', () => {
    const session = createStepSession(sourceToSink([{ value: { n: 1 }, timestamp: 7 }]), { seed: 3 });
    session.step();
    expect(session.snapshot().channels).toEqual([
      { ...channel, inFlight: [{ kind: 'record', value: { n: 1 }, timestamp: 7 }] },
    ]);
    expect(session.snapshot().tasks[0]).toMatchObject({ vertexId: 'src', state: 'RUNNING', currentWatermark: null });
    session.step();
    const snapshot = session.snapshot();
    expect(snapshot.stepCount).toBe(2);
    expect(snapshot.channels).toEqual([
      {
        ...channel,
        inFlight: [
          { kind: 'record', value: { n: 1 }, timestamp: 7 },
          { kind: 'watermark', watermark: END_OF_EVENT_TIME },
          { kind: 'endOfPartition' },
        ],
      },
    ]);
    const [src, out] = snapshot.tasks;
    // The source is done: its buffers left under the sink's credit and sit in the sink's input channel.
    expect(src).toMatchObject({
      vertexId: 'src',
      state: 'FINISHED',
      currentWatermark: END_OF_EVENT_TIME,
      inputChannels: [],
      recordsOut: 1,
    });
    expect(out).toMatchObject({
      vertexId: 'out',
      state: 'RUNNING',
      currentWatermark: null,
      inputChannels: [{ edgeIndex: 0, sourceVertexId: 'src', producerSubtask: 0, watermark: null, idle: false }],
      recordsIn: 0,
      location: { taskManagerId: 'tm-1', slotIndex: 0 },
    });
    // The collect sink has received nothing yet: it is there, empty.
    expect(snapshot.sinks).toEqual({ out: [] });
    // A picture of step 2: stepping on does not change it.
    session.step();
    expect(snapshot.channels[0]!.inFlight).toHaveLength(3);
    expect(session.snapshot().channels[0]!.inFlight).toHaveLength(2);
  });

  it('a source emits one record per step, and a channel delivers in the order it was written, whatever the seed', () => {
    const elements = [1, 2, 3, 4, 5].map((n) => ({ value: n, timestamp: n * 10 }));
    for (const seed of [0, 1, 2, 99]) {
      const { events } = stepToEnd(sourceToSink(elements), { seed });
      const emitted = events.filter((e) => e.vertexId === 'src');
      expect(emitted.map((e) => [e.kind, e.value ?? e.watermark, e.timestamp])).toEqual([
        ...elements.map((e) => ['record', e.value, e.timestamp]),
        ['watermark', END_OF_EVENT_TIME, undefined],
      ]);
      const taken = events.filter((e) => e.vertexId === 'out').map((e) => e.value ?? e.watermark ?? e.kind);
      expect(taken).toEqual([1, 2, 3, 4, 5, END_OF_EVENT_TIME, 'endOfPartition']);
    }
  });

  it.each([0, 1, 2, 3])(
    'seed %i: a parallel source feeding two network edges ends once per subtask (§5: its end of event time, then its end of partition) and each number reaches each sink once',
    (seed) => {
      // With seed 0, an output buffer freed while a source subtask's last turn ran scheduled another turn, which ended
      // the ended input again ("subpartition … is finished").
      const fork: JobGraph = {
        version: 1,
        name: 'fork',
        operators: [
          { id: 'src', kind: 'source.sequence', parallelism: 3, params: { from: 1, to: 1000 } },
          { id: 'm', kind: 'map', parallelism: 2, params: { fn: '(v) => v * 2' } },
          { id: 'o', kind: 'sink.collect', parallelism: 2 },
          { id: 'o3', kind: 'sink.collect', parallelism: 1 },
        ],
        edges: [
          { source: 'src', target: 'm' },
          { source: 'm', target: 'o' },
          { source: 'src', target: 'o3', partitioner: 'rebalance' },
        ],
      };
      const { session } = stepToEnd(fork, { seed });
      const { status, failure, sinks } = session.result();
      expect({ status, failure }).toEqual({ status: 'FINISHED', failure: undefined });
      const numbers = Array.from({ length: 1000 }, (_, i) => i + 1);
      expect([...(sinks.o3 as number[])].sort((a, b) => a - b)).toEqual(numbers);
      expect([...(sinks.o as number[])].sort((a, b) => a - b)).toEqual(numbers.map((n) => n * 2));
    },
  );

  it('after the last step every channel is empty and every task FINISHED', () => {
    const { session } = stepToEnd(exampleById('wordcount')!.jobGraph, { seed: 4 });
    const snapshot = session.snapshot();
    expect(snapshot.channels.length).toBeGreaterThan(0);
    for (const c of snapshot.channels) expect(c.inFlight).toEqual([]);
    for (const t of snapshot.tasks) expect(t.state).toBe('FINISHED');
  });
});

describe('§8 Ex 1 stepped: out-of-order events into a 5 ms tumbling window with delay 2', () => {
  const example = exampleById('out-of-order-tumbling')!;

  it.each([0, 1, 7, 1234])(
    'seed %i: each window fires in the step its watermark arrives, with Ex 1’s results, and the late records leave by the side output',
    (seed) => {
      const { events, session } = stepToEnd(example.jobGraph, { seed });
      const firings = events.flatMap((e) =>
        (e.firedWindows ?? []).map((w) => ({ at: e.watermark, window: `[${w.start},${w.end})=${String(w.value)}` })),
      );
      expect(firings).toEqual([
        { at: 5, window: '[0,5)=4' },
        { at: 9, window: '[5,10)=6' },
        { at: 17, window: '[10,15)=15' },
        { at: END_OF_EVENT_TIME, window: '[15,20)=8' },
        { at: END_OF_EVENT_TIME, window: '[20,25)=10' },
      ]);
      for (const e of events.filter((x) => x.firedWindows))
        expect(e).toMatchObject({
          kind: 'watermark',
          vertexId: 'window',
          watermarkAdvanced: { operatorId: 'window', watermark: e.watermark },
        });
      expect(session.result()).toEqual({ status: 'FINISHED', sinks: example.expectedSinkRecords, printed: [] });
    },
  );

  it('the window operator shows its open window and its timer at maxTimestamp until the watermark fires it (§6 EventTimeTrigger)', () => {
    const session = createStepSession(example.jobGraph, { seed: 2 });
    let event = session.step();
    while (event && !(event.vertexId === 'window' && event.kind === 'record' && event.timestamp === 3))
      event = session.step();
    const window = () => session.snapshot().tasks.find((t) => t.vertexId === 'window')!;
    expect(window().operators[0]).toEqual({
      operatorId: 'window',
      timers: [
        { time: 4, domain: 'event', key: 's1' },
        { time: 9, domain: 'event', key: 's1' },
      ],
      windows: [
        { key: 's1', start: 0, end: 5, value: 4, count: 2 },
        { key: 's1', start: 5, end: 10, value: 2, count: 1 },
      ],
    });
    expect(window().currentWatermark).toBe(2);
    while (event && !event.firedWindows) event = session.step();
    expect(window().currentWatermark).toBe(5);
    expect(window().operators[0]!.windows.map((w) => w.start)).toEqual([5]);
  });
});

describe('failures and bad input', () => {
  it('a throwing user function: the step that ran it is the last, the job FAILED with the operator and the stack', () => {
    const job: JobGraph = {
      version: 1,
      name: 'boom',
      operators: [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 1 }, { value: 2 }] } },
        {
          id: 'm',
          kind: 'map',
          parallelism: 1,
          chaining: 'HEAD',
          params: { fn: "function explode(v) { if (v === 2) throw new Error('no ' + v); return v; }" },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'm' },
        { source: 'm', target: 'out' },
      ],
    };
    const { events, session } = stepToEnd(job, { seed: 0 });
    const fatal = events.findIndex((e) => e.vertexId === 'm' && e.value === 2);
    expect(fatal).toBeGreaterThan(0);
    expect(events.slice(fatal + 1).some((e) => e.vertexId === 'm')).toBe(false);
    const result = session.result();
    expect(result.status).toBe('FAILED');
    expect(result.failure).toMatchObject({ message: 'no 2', operatorId: 'm' });
    expect(result.failure!.stack).toContain('explode');
  });

  it('names the field of a bad option or a bad JobGraph', () => {
    const job = sourceToSink([{ value: 1 }]);
    expect(() => createStepSession(job, { seed: 1.5 })).toThrow('options.seed: must be an integer, got 1.5');
    expect(() => createStepSession(job, { seed: 0, taskManagers: 0 })).toThrow(
      'options.taskManagers: must be a whole number ≥ 1, got 0',
    );
    expect(() => createStepSession(job, { seed: 0, taskManagers: 1, slotsPerTaskManager: 0 })).toThrow(
      'options.slotsPerTaskManager',
    );
    expect(() =>
      createStepSession(exampleById('wordcount')!.jobGraph, { seed: 0, taskManagers: 1, slotsPerTaskManager: 1 }),
    ).toThrow('options: the job needs 2 slots but 1 TaskManager(s) × 1 slots offer 1');
    expect(() =>
      createStepSession(
        { ...job, operators: [job.operators[0], { ...job.operators[1], parallelism: 0 }] },
        { seed: 0 },
      ),
    ).toThrow('$.operators[1].parallelism');
    expect(() => replayTo(job, { seed: 0 }, -1)).toThrow('steps: must be a whole number ≥ 0, got -1');
  });

  it('lays the planner’s slots out over the TaskManagers asked for', () => {
    const session = createStepSession(exampleById('wordcount')!.jobGraph, {
      seed: 0,
      taskManagers: 2,
      slotsPerTaskManager: 1,
    });
    const where = session
      .snapshot()
      .tasks.map((t) => `${t.vertexId}#${t.subtaskIndex}@${t.location.taskManagerId}/${t.location.slotIndex}`);
    expect(where).toContain('tokenize#0@tm-1/0');
    expect(where).toContain('tokenize#1@tm-2/0');
  });
});

describe('virtual processing time', () => {
  it('stands still while elements move and jumps to the next timer when none can: a 100/s source emits one record per 10 ms', () => {
    const job: JobGraph = {
      version: 1,
      name: 'paced',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 4, ratePerSecond: 100 } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [{ source: 'src', target: 'out', partitioner: 'rebalance' }],
    };
    const session = createStepSession(job, { seed: 0 });
    const emittedAt: number[] = [];
    for (let event = session.step(); event !== null; event = session.step()) {
      if (event.vertexId === 'src' && event.kind === 'record') emittedAt.push(session.snapshot().processingTime);
    }
    expect(emittedAt).toEqual([0, 10, 20, 30]);
    expect(session.result().sinks).toEqual({ out: [1, 2, 3, 4] });
  });
});

describe('§4 Credit-based flow control holds in step mode: it is the cluster’s network code', () => {
  it.each([0, 1, 2, 3])(
    'seed %i: a fast source gets at most 20 elements ahead on its channel — the receiver’s 2 exclusive + 8 floating buffers, the sender’s pool of 2 + 8 — and reaches that bound',
    (seed) => {
      const session = createStepSession(sourceToSink(Array.from({ length: 80 }, (_, i) => ({ value: i }))), { seed });
      let mostInFlight = 0;
      while (session.step() !== null)
        mostInFlight = Math.max(mostInFlight, session.snapshot().channels[0]!.inFlight.length);
      expect(mostInFlight).toBe(20);
      expect(session.result().sinks.out).toEqual(Array.from({ length: 80 }, (_, i) => i));
    },
  );
});

describe('§5 Per-channel valve: an idle input leaves the minimum, step by step', () => {
  const example = exampleById('idle-partition')!;
  const withIdleness = (idlenessMs: number | undefined): JobGraph => ({
    ...example.jobGraph,
    operators: example.jobGraph.operators.map((op) =>
      op.id === 'watermarks' && idlenessMs !== undefined ? { ...op, params: { ...op.params, idlenessMs } } : op,
    ),
  });
  const firingWatermarks = (jobGraph: JobGraph, seed: number) =>
    stepToEnd(jobGraph, { seed }).events.flatMap((e) => (e.firedWindows ?? []).map((w) => [w.start, e.watermark]));

  const windows = example.expectedSinkRecords!.counts as { start: number; end: number }[];

  it.each([0, 5])(
    'seed %i: without idleness the empty partition holds every window back until its own end of event time reaches the window',
    (seed) => {
      const { events } = stepToEnd(withIdleness(undefined), { seed });
      const released = events.findIndex(
        (e) => e.vertexId === 'window' && e.channel?.producerSubtask === 1 && e.watermark === END_OF_EVENT_TIME,
      );
      expect(released).toBeGreaterThan(0);
      const firings = events.flatMap((e, i) => (e.firedWindows ?? []).map((w) => ({ start: w.start, step: i })));
      expect(firings.map((f) => f.start)).toEqual(windows.map((w) => w.start));
      for (const { step } of firings) expect(step).toBeGreaterThanOrEqual(released);
    },
  );

  it.each([0, 5])(
    'seed %i: with idlenessMs 500 the empty partition goes idle, and each window fires as partition 0’s watermark passes its end',
    (seed) => {
      const session = createStepSession(withIdleness(500), { seed });
      let idle = session.step();
      while (idle && !(idle.kind === 'watermarkStatus' && idle.vertexId === 'window')) idle = session.step();
      expect(idle).toMatchObject({
        kind: 'watermarkStatus',
        idle: true,
        channel: { sourceVertexId: 'source', producerSubtask: 1, targetVertexId: 'window' },
      });
      const window = session.snapshot().tasks.find((t) => t.vertexId === 'window')!;
      expect(window.inputChannels.map((c) => [c.producerSubtask, c.idle])).toEqual([
        [0, false],
        [1, true],
      ]);
      // Partition 0's timestamps are 100, 200, ... so its watermark (monotonous: ts − 1) reaches each window's end − 1
      // with the record at the window's end; the last window holds the last record alone and waits for the end.
      expect(firingWatermarks(withIdleness(500), seed)).toEqual(
        windows.map((w, i) => [w.start, i < windows.length - 1 ? w.end - 1 : END_OF_EVENT_TIME]),
      );
    },
  );
});

describe('step-mode deployment', () => {
  it('runs operators without their slowdownMs: the clock is virtual, a real sleep per record would only stall stepping', () => {
    const job = sourceToSink([{ value: 1 }, { value: 2 }, { value: 3 }]);
    const slowed: JobGraph = { ...job, operators: job.operators.map((op) => ({ ...op, slowdownMs: 10_000 })) };
    const { session } = stepToEnd(slowed, { seed: 0 });
    expect(session.result()).toMatchObject({ status: 'FINISHED', sinks: { out: [1, 2, 3] } });
  });
});
