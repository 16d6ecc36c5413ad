/**
 * Issue 4 item 6: the step mode is deterministic. The same JobGraph and seed give the same steps (so a step back
 * is a replay); another seed may interleave the tasks differently but ends with the same sink contents; and
 * every task sees its watermarks strictly increase (§5 Watermarks: monotonic emission, the valve forwards only
 * an advance).
 */
import { exampleById } from '@sluice/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStepSession, replayTo, type StepEvent } from '../../src/step/index.js';
import { sinkMultisets, stepToEnd } from './step-harness.js';

/** The built-in examples that step in milliseconds (the backpressure ones sleep per record on purpose). */
const JOBS = [
  'wordcount',
  'figure-3-2',
  'out-of-order-tumbling',
  'slow-source-holds-watermark',
  'idle-partition',
  'session-merge',
];
const jobGraphOf = (id: string) => exampleById(id)!.jobGraph;
const seeds = fc.integer({ min: 0, max: 0x7fff_ffff });

describe('the same seed replays the same steps', () => {
  it('same JobGraph and seed → the identical event sequence and the identical final snapshot', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JOBS), seeds, (id, seed) => {
        const first = stepToEnd(jobGraphOf(id), { seed });
        const second = stepToEnd(jobGraphOf(id), { seed });
        expect(second.events).toEqual(first.events);
        expect(second.session.snapshot()).toEqual(first.session.snapshot());
        expect(first.events.map((e) => e.index)).toEqual(first.events.map((_, i) => i + 1));
      }),
      { numRuns: 12 },
    );
  });

  it('replayTo(k) stands exactly where stepping k times stands, and goes on with the same step k+1', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JOBS), seeds, fc.double({ min: 0, max: 1, noNaN: true }), (id, seed, fraction) => {
        const full = stepToEnd(jobGraphOf(id), { seed });
        const k = Math.floor(fraction * full.events.length);
        const stepped = createStepSession(jobGraphOf(id), { seed });
        for (let i = 0; i < k; i++) stepped.step();
        const replayed = replayTo(jobGraphOf(id), { seed }, k);
        expect(replayed.stepCount).toBe(k);
        expect(replayed.snapshot()).toEqual(stepped.snapshot());
        expect(replayed.step()).toEqual(full.events[k] ?? null);
      }),
      { numRuns: 12 },
    );
  });

  it('replayTo past the end stops at the last step', () => {
    const { events } = stepToEnd(jobGraphOf('session-merge'), { seed: 5 });
    expect(replayTo(jobGraphOf('session-merge'), { seed: 5 }, events.length + 10).stepCount).toBe(events.length);
  });
});

describe('plain JSON, as a postMessage or an NDJSON line carries it', () => {
  it('every event and every snapshot survives JSON unchanged (the end of event time is END_OF_EVENT_TIME, not Infinity)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JOBS), seeds, (id, seed) => {
        const session = createStepSession(jobGraphOf(id), { seed });
        const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
        expect(roundTrip(session.snapshot())).toEqual(session.snapshot());
        for (let event = session.step(); event !== null; event = session.step()) {
          expect(roundTrip(event)).toEqual(event);
          if (event.index % 7 === 0) expect(roundTrip(session.snapshot())).toEqual(session.snapshot());
        }
        expect(roundTrip(session.snapshot())).toEqual(session.snapshot());
        expect(roundTrip(session.result())).toEqual(session.result());
      }),
      { numRuns: 6 },
    );
  });
});

describe('another seed, another interleaving, the same result', () => {
  it('the seed decides the order: ten seeds give more than one sequence for wordcount (two tokenizers race)', () => {
    const orders = new Set(
      Array.from({ length: 10 }, (_, seed) => JSON.stringify(stepToEnd(jobGraphOf('wordcount'), { seed }).events)),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('any two seeds end with the same sink multisets, the example’s expected records (§8 Ex 1 and Ex 3 among them)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JOBS), seeds, seeds, (id, a, b) => {
        const first = stepToEnd(jobGraphOf(id), { seed: a }).session.result();
        const second = stepToEnd(jobGraphOf(id), { seed: b }).session.result();
        expect(first.status).toBe('FINISHED');
        expect(second.status).toBe('FINISHED');
        expect(sinkMultisets(second.sinks)).toEqual(sinkMultisets(first.sinks));
        const expected = exampleById(id)!.expectedSinkRecords;
        if (expected) expect(sinkMultisets(first.sinks)).toEqual(sinkMultisets(expected));
      }),
      { numRuns: 12 },
    );
  });
});

describe('§5 Watermarks: every task sees its watermarks strictly increase', () => {
  const taskOf = (e: StepEvent) => `${e.vertexId}#${e.subtaskIndex}`;

  it('each task’s clock only advances, and each channel delivers strictly increasing watermarks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JOBS), seeds, (id, seed) => {
        const { events } = stepToEnd(jobGraphOf(id), { seed });
        const clock = new Map<string, number>();
        const onChannel = new Map<string, number>();
        let advances = 0;
        for (const e of events) {
          if (e.watermarkAdvanced) {
            const previous = clock.get(taskOf(e)) ?? -Infinity;
            expect(e.watermarkAdvanced.watermark).toBeGreaterThan(previous);
            clock.set(taskOf(e), e.watermarkAdvanced.watermark);
            advances++;
          }
          if (e.kind === 'watermark' && e.channel) {
            const key = JSON.stringify(e.channel);
            expect(e.watermark!).toBeGreaterThan(onChannel.get(key) ?? -Infinity);
            onChannel.set(key, e.watermark!);
          }
        }
        // Every bounded job ends event time: each task's clock reached the end (it cannot hold still).
        expect(advances).toBeGreaterThan(0);
      }),
      { numRuns: 12 },
    );
  });
});
