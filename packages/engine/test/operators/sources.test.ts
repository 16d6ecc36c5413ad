import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP } from '../../src/elements/stream-element.js';
import { sequenceSplit } from '../../src/operators/sources/sequence-source.js';
import { SOURCE_BATCH_SIZE } from '../../src/operators/sources/source-batch.js';
import { runSource, testChain, type RecordingOutput } from './chain-harness.js';

/** Runs every subtask of a one-operator source chain feeding one partition; returns each subtask's output. */
function runAllSubtasks(
  kind: 'source.sequence' | 'source.collection',
  params: Record<string, unknown>,
  parallelism: number,
): RecordingOutput[] {
  return Array.from({ length: parallelism }, (_, subtaskIndex) => {
    const { chain, partitions } = testChain({
      operators: [{ id: 'src', kind, params }],
      partitions: [{ sourceOperator: 'src' }],
      subtaskIndex,
      parallelism,
    });
    runSource(chain);
    return partitions[0] as RecordingOutput;
  });
}

describe('source.sequence', () => {
  it('emits every number of [from, to] exactly once across parallelism 1..5, in contiguous splits (fromSequence)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1, max: 300 }),
        fc.integer({ min: 1, max: 5 }),
        (from, length, parallelism) => {
          const to = from + length - 1;
          const outputs = runAllSubtasks('source.sequence', { from, to }, parallelism);
          const all = outputs.flatMap((o) => o.values as number[]);
          expect(all).toEqual(Array.from({ length: Math.max(0, length) }, (_, i) => from + i));
          for (const output of outputs) {
            const values = output.values as number[];
            // contiguous and ascending within a subtask; split sizes differ by at most one
            values.forEach((v, i) => i > 0 && expect(v).toBe((values[i - 1] as number) + 1));
            expect(Math.abs(values.length - Math.floor(Math.max(0, length) / parallelism))).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the first total % p subtasks one number more', () => {
    expect([0, 1, 2].map((i) => sequenceSplit(1, 10, i, 3))).toEqual([
      { start: 1, end: 4, stride: 1 },
      { start: 5, end: 7, stride: 1 },
      { start: 8, end: 10, stride: 1 },
    ]);
  });

  it('an unbounded sequence interleaves the subtasks, so no number is emitted twice', () => {
    const { chain, partitions } = testChain({
      operators: [{ id: 'src', kind: 'source.sequence', params: { from: 10 } }],
      partitions: [{ sourceOperator: 'src' }],
      subtaskIndex: 1,
      parallelism: 3,
    });
    chain.open();
    expect(chain.source?.emitNext()).toEqual({ status: 'MORE_AVAILABLE' });
    expect(partitions[0]?.values.slice(0, 4)).toEqual([11, 14, 17, 20]);
    expect(partitions[0]?.values).toHaveLength(SOURCE_BATCH_SIZE);
  });

  it('emits small batches, then MAX_WATERMARK just before END_OF_INPUT (§5)', () => {
    const { chain, partitions } = testChain({
      operators: [{ id: 'src', kind: 'source.sequence', params: { from: 1, to: 200 } }],
      partitions: [{ sourceOperator: 'src' }],
    });
    const statuses = runSource(chain);
    expect(statuses.map((s) => s.status)).toEqual([
      'MORE_AVAILABLE',
      'MORE_AVAILABLE',
      'MORE_AVAILABLE',
      'END_OF_INPUT',
    ]);
    const emitted = partitions[0]?.emitted ?? [];
    expect(emitted).toHaveLength(201);
    expect(emitted.at(-1)).toEqual({ kind: 'watermark', timestamp: MAX_WATERMARK_TIMESTAMP });
    expect(emitted.filter((e) => e.kind === 'watermark')).toHaveLength(1);
    expect(chain.numRecordsOut).toBe(200);
  });

  it('ratePerSecond is shared by the subtasks and answers NOTHING_AVAILABLE with the wait until the next record', () => {
    // 100/s over 2 subtasks = 50/s each: one record every 20 ms per subtask.
    const { chain, host, partitions } = testChain({
      operators: [{ id: 'src', kind: 'source.sequence', params: { from: 1, to: 10, ratePerSecond: 100 } }],
      partitions: [{ sourceOperator: 'src' }],
      parallelism: 2,
    });
    const source = chain.source!;
    chain.open();
    expect(source.emitNext()).toEqual({ status: 'MORE_AVAILABLE' });
    expect(partitions[0]?.values).toEqual([1]);
    expect(source.emitNext()).toEqual({ status: 'NOTHING_AVAILABLE', retryAfterMs: 20 });
    host.time.advance(15);
    expect(source.emitNext()).toEqual({ status: 'NOTHING_AVAILABLE', retryAfterMs: 5 });
    host.time.advance(45);
    expect(source.emitNext()).toEqual({ status: 'MORE_AVAILABLE' });
    expect(partitions[0]?.values).toEqual([1, 2, 3, 4]);
    host.time.advance(1000);
    expect(source.emitNext()).toEqual({ status: 'END_OF_INPUT' });
    expect(partitions[0]?.values).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('source.collection', () => {
  it('emits each element exactly once across parallelism 1..5: element i by subtask i % p, in order, with its timestamp', () => {
    const element = fc.record({ value: fc.jsonValue(), timestamp: fc.option(fc.integer(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(element, { maxLength: 150 }), fc.integer({ min: 1, max: 5 }), (elements, parallelism) => {
        const outputs = runAllSubtasks('source.collection', { elements }, parallelism);
        outputs.forEach((output, subtask) => {
          const expected = elements
            .filter((_, i) => i % parallelism === subtask)
            .map((e) =>
              e.timestamp === undefined
                ? { kind: 'record', value: e.value }
                : { kind: 'record', value: e.value, timestamp: e.timestamp },
            );
          expect(output.records).toEqual(expected);
          expect(output.emitted.at(-1)).toEqual({ kind: 'watermark', timestamp: MAX_WATERMARK_TIMESTAMP });
        });
      }),
      { numRuns: 100 },
    );
  });

  it('a subtask with no elements still ends event time', () => {
    const [, second] = runAllSubtasks('source.collection', { elements: [{ value: 'only' }] }, 2);
    expect(second?.emitted).toEqual([{ kind: 'watermark', timestamp: MAX_WATERMARK_TIMESTAMP }]);
  });
});
