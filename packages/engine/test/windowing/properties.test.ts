/**
 * Properties of event time and windows over random jobs (fast-check), run through runLocally on the real
 * StreamTasks and network: random parallelism, partitioning, window assigner, watermark strategy and interleaving
 * (the scheduler's seed).
 * - §5 Monotonic emission: every watermark a task writes into a channel is above the one before it.
 * - With no late data, tumbling and sliding window results equal a batch computation over the same input.
 *   Session windows equal a batch merge only when no watermark fires a session before the end of input: per
 *   §8 Ex 3 a session that fired and retired does not merge with a later touching one, so their results depend on
 *   watermark progress even without late data.
 * - §6 Sliding: a sliding assigner returns exactly the windows holding the timestamp, newest first.
 * - Processing-time windows fire on the clock: a window is emitted once the clock passes its end − 1, never earlier.
 */
import type { EdgeSpec, JobGraph, OperatorSpec } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { record, type StreamElement } from '../../src/elements/stream-element.js';
import { runLocally, type LocalRunOptions } from '../../src/local/local-execution.js';
import { KeyedStateBackend } from '../../src/operators/keyed/keyed-state-backend.js';
import { createWindowAggregate } from '../../src/windowing/window-aggregates.js';
import { processingTimeTrigger } from '../../src/windowing/triggers.js';
import { createWindowAssigner } from '../../src/windowing/window-assigners.js';
import { WindowOperator } from '../../src/windowing/window-operator.js';
import { ManualTime, RecordingOutput } from '../operators/chain-harness.js';

type Assigner =
  | { type: 'tumbling'; sizeMs: number; offsetMs: number; time: 'event' }
  | { type: 'sliding'; sizeMs: number; slideMs: number; offsetMs: number; time: 'event' };
interface Event {
  value: { k: string; v: number };
  timestamp: number;
}
interface RandomJob {
  events: Event[];
  delay: number;
  assigner: Assigner;
  sourceParallelism: number;
  windowParallelism: number;
  /** A rebalancing map between the watermarks and the keyBy: another exchange, other interleavings. */
  rebalance: boolean;
  /** The strategy as the source's own param, or as a `watermarks` operator chained behind it. */
  strategyOnSource: boolean;
  emit: 'perRecord' | 'periodic';
  seed: number;
}

/** Timestamps at most `delay` below the largest one before them: BoundedOutOfOrderness(delay) finds none late (§5). */
const boundedEvents = (delay: number) =>
  fc
    .array(
      fc.record({
        step: fc.nat(6),
        back: fc.nat(delay),
        k: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        v: fc.integer({ min: 1, max: 99 }),
      }),
      { maxLength: 40 },
    )
    .map((draws) => {
      let max = 0;
      return draws.map(({ step, back, k, v }): Event => {
        const timestamp = max + step - back;
        max = Math.max(max, timestamp);
        return { value: { k, v }, timestamp };
      });
    });

const assigner: fc.Arbitrary<Assigner> = fc.oneof(
  fc
    .integer({ min: 1, max: 12 })
    .chain((sizeMs) =>
      fc
        .integer({ min: -(sizeMs - 1), max: sizeMs - 1 })
        .map((offsetMs): Assigner => ({ type: 'tumbling', sizeMs, offsetMs, time: 'event' })),
    ),
  fc
    .record({ sizeMs: fc.integer({ min: 1, max: 12 }), slideMs: fc.integer({ min: 1, max: 8 }) })
    .chain(({ sizeMs, slideMs }) =>
      fc
        .integer({ min: -(slideMs - 1), max: slideMs - 1 })
        .map((offsetMs): Assigner => ({ type: 'sliding', sizeMs, slideMs, offsetMs, time: 'event' })),
    ),
);

const randomJob: fc.Arbitrary<RandomJob> = fc.nat(4).chain((delay) =>
  fc.record({
    events: boundedEvents(delay),
    delay: fc.constant(delay),
    assigner,
    sourceParallelism: fc.integer({ min: 1, max: 3 }),
    windowParallelism: fc.integer({ min: 1, max: 4 }),
    rebalance: fc.boolean(),
    strategyOnSource: fc.boolean(),
    emit: fc.constantFrom('perRecord' as const, 'periodic' as const),
    seed: fc.nat(1_000_000),
  }),
);

function jobGraphOf(job: RandomJob): JobGraph {
  const strategy = { strategy: 'boundedOutOfOrderness', maxOutOfOrdernessMs: job.delay, emit: job.emit };
  const p = job.sourceParallelism;
  const operators: OperatorSpec[] = [
    {
      id: 'src',
      kind: 'source.collection',
      parallelism: p,
      params: { elements: job.events, ...(job.strategyOnSource && { watermarks: strategy }) },
    },
  ];
  const edges: EdgeSpec[] = [];
  let last = 'src';
  const then = (op: OperatorSpec, edge: Omit<EdgeSpec, 'source' | 'target'>) => {
    operators.push(op);
    edges.push({ source: last, target: op.id, ...edge });
    last = op.id;
  };
  if (!job.strategyOnSource)
    then({ id: 'wm', kind: 'watermarks', parallelism: p, params: strategy }, { partitioner: 'forward' });
  if (job.rebalance)
    then({ id: 'pass', kind: 'map', parallelism: 3, params: { fn: '(r, ctx) => r' } }, { partitioner: 'rebalance' });
  then(
    {
      id: 'win',
      kind: 'window',
      parallelism: job.windowParallelism,
      params: { assigner: job.assigner, aggregate: { sum: 'v' } },
    },
    { partitioner: 'hash', key: 'r => r.k' },
  );
  then({ id: 'out', kind: 'sink.collect', parallelism: 1 }, { partitioner: 'rebalance' });
  return { version: 1, name: 'random event-time job', operators, edges };
}

const mod = (a: number, m: number) => ((a % m) + m) % m;

/** Every window [s, s+size) with s ≡ offset (mod slide) holding ts: counted out, not computed by the assigner's formula. */
function windowsHolding(ts: number, a: Assigner): { start: number; end: number }[] {
  const slide = a.type === 'tumbling' ? a.sizeMs : a.slideMs;
  const windows: { start: number; end: number }[] = [];
  for (let start = ts; start > ts - a.sizeMs; start--)
    if (mod(start - a.offsetMs, slide) === 0) windows.push({ start, end: start + a.sizeMs });
  return windows;
}

/** The batch computation: group every event by (key, window), sum v. */
function batchResults(job: RandomJob): string[] {
  const sums = new Map<string, { key: string; start: number; end: number; value: number }>();
  for (const { value, timestamp } of job.events) {
    for (const { start, end } of windowsHolding(timestamp, job.assigner)) {
      const id = `${value.k}|${start}`;
      const current = sums.get(id) ?? { key: value.k, start, end, value: 0 };
      sums.set(id, { ...current, value: current.value + value.v });
    }
  }
  return [...sums.values()].map((r) => JSON.stringify(r)).sort();
}

const run = (jobGraph: JobGraph, seed: number, observe?: LocalRunOptions['stepObserver']) =>
  runLocally(
    { jobGraph, executionGraph: planExecutionGraph(jobGraph) },
    observe ? { seed, stepObserver: observe } : { seed },
  );

describe('event-time properties over random jobs', () => {
  test('§5: watermarks every task writes into a channel strictly increase, and every operator emits them increasing', () => {
    fc.assert(
      fc.property(randomJob, (job) => {
        const byChannel = new Map<string, number[]>();
        const byOperator = new Map<string, number[]>();
        const push = (map: Map<string, number[]>, id: string, element: StreamElement) => {
          if (element.kind === 'watermark') map.set(id, [...(map.get(id) ?? []), element.timestamp]);
        };
        const result = run(jobGraphOf(job), job.seed, (tdd) => ({
          elementTaken: () => {},
          elementWritten: (channel, element) => push(byChannel, channel, element),
          operatorEmitted: (operatorId, element) => push(byOperator, `${operatorId}#${tdd.subtaskIndex}`, element),
        }));
        expect(result.status).toBe('FINISHED');
        for (const [id, watermarks] of [...byChannel, ...byOperator]) {
          for (let i = 1; i < watermarks.length; i++)
            expect(watermarks[i], `${id}: ${watermarks.join(', ')}`).toBeGreaterThan(watermarks[i - 1]!);
        }
        // Every channel ends event time.
        for (const watermarks of byChannel.values()) expect(watermarks.at(-1)).toBe(Number.POSITIVE_INFINITY);
      }),
      { numRuns: 25 },
    );
  });

  test('no late data: tumbling and sliding results equal the batch computation, whatever the parallelism, partitioning and seed', () => {
    fc.assert(
      fc.property(randomJob, (job) => {
        const result = run(jobGraphOf(job), job.seed);
        expect(result.status).toBe('FINISHED');
        expect((result.sinks.out ?? []).map((r) => JSON.stringify(r)).sort()).toEqual(batchResults(job));
      }),
      { numRuns: 40 },
    );
  });
});

/** Batch sessions: per key, sorted timestamps join the current session while t ≤ its end (touching merges, §6). */
function batchSessions(events: Event[], gap: number): string[] {
  const byKey = new Map<string, Event[]>();
  for (const event of events) byKey.set(event.value.k, [...(byKey.get(event.value.k) ?? []), event]);
  const sessions: { key: string; start: number; end: number; value: number }[] = [];
  for (const [key, keyed] of byKey) {
    let current: { key: string; start: number; end: number; value: number } | undefined;
    for (const { timestamp, value } of [...keyed].sort((a, b) => a.timestamp - b.timestamp)) {
      if (current && timestamp <= current.end) {
        current.end = Math.max(current.end, timestamp + gap);
        current.value += value.v;
      } else {
        current = { key, start: timestamp, end: timestamp + gap, value: value.v };
        sessions.push(current);
      }
    }
  }
  return sessions.map((r) => JSON.stringify(r)).sort();
}

describe('session windows over random jobs', () => {
  test("with no watermark before the end of input, sessions equal a batch merge of every key's events (§6 Session, §8 Ex 3 last line)", () => {
    fc.assert(
      fc.property(randomJob, fc.integer({ min: 1, max: 6 }), (job, gapMs) => {
        const jobGraph = jobGraphOf({ ...job, delay: 1_000_000 });
        const windowed: JobGraph = {
          ...jobGraph,
          operators: jobGraph.operators.map((op) =>
            op.id === 'win'
              ? { ...op, params: { assigner: { type: 'session', gapMs, time: 'event' }, aggregate: { sum: 'v' } } }
              : op,
          ),
        };
        const result = run(windowed, job.seed);
        expect(result.status).toBe('FINISHED');
        expect((result.sinks.out ?? []).map((r) => JSON.stringify(r)).sort()).toEqual(batchSessions(job.events, gapMs));
      }),
      { numRuns: 30 },
    );
  });
});

describe('assigner and clock properties', () => {
  test('§6 Sliding: sliding windows are exactly those holding the timestamp, newest first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc
          .record({ sizeMs: fc.integer({ min: 1, max: 30 }), slideMs: fc.integer({ min: 1, max: 30 }) })
          .chain(({ sizeMs, slideMs }) =>
            fc
              .integer({ min: -(slideMs - 1), max: slideMs - 1 })
              .map((offsetMs) => ({ type: 'sliding' as const, sizeMs, slideMs, offsetMs, time: 'event' as const })),
          ),
        (ts, params) => {
          expect(createWindowAssigner(params, 'a').assignWindows(ts)).toEqual(windowsHolding(ts, params));
        },
      ),
    );
  });

  test('processing-time tumbling windows fire on the clock: after advancing to T, exactly the windows ending at or before T', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.record({ wait: fc.nat(7), records: fc.nat(3) }), { maxLength: 20 }),
        (sizeMs, schedule) => {
          const time = new ManualTime();
          const output = new RecordingOutput();
          const operator = new WindowOperator(
            {
              operatorId: 'w',
              assigner: createWindowAssigner({ type: 'tumbling', sizeMs, time: 'processing' }, 'a'),
              trigger: processingTimeTrigger,
              evictor: undefined,
              aggregate: createWindowAggregate({ count: true }, 'w'),
              allowedLatenessMs: 0,
              keySelector: undefined,
              lateOutput: true,
            },
            new KeyedStateBackend(128),
            output,
            time,
          );
          const arrivals: number[] = [];
          for (const { wait, records } of schedule) {
            time.advance(wait);
            for (let i = 0; i < records; i++) {
              operator.processElement(record('x'));
              arrivals.push(time.now());
            }
            const expected = new Map<number, number>();
            for (const at of arrivals) {
              const start = at - mod(at, sizeMs);
              if (start + sizeMs <= time.now()) expected.set(start, (expected.get(start) ?? 0) + 1);
            }
            const fired = output.records.map((r) => r.value as { start: number; end: number; value: number });
            expect(fired.map((w) => [w.start, w.value])).toEqual([...expected].sort((a, b) => a[0] - b[0]));
            expect(
              fired.every((w, i) => w.end - w.start === sizeMs && output.records[i]!.timestamp === w.end - 1),
            ).toBe(true);
          }
          operator.close();
        },
      ),
    );
  });
});
