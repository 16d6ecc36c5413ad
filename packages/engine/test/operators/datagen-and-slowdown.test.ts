/**
 * source.datagen split over parallel subtasks, and an operator's slowdownMs, through real StreamTasks
 * (runLocally: serialized buffers under credit on the deterministic scheduler).
 */
import { datagenRecord, type EdgeSpec, type JobGraph, type OperatorSpec } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { record } from '../../src/elements/stream-element.js';
import type { OneInputStreamOperator, Output } from '../../src/operators/stream-operator.js';
import { withSlowdown } from '../../src/operators/slowdown.js';
import { runLocally } from '../../src/local/local-execution.js';

const job = (operators: OperatorSpec[], edges: EdgeSpec[]): JobGraph => ({
  version: 1,
  name: 'test',
  operators,
  edges,
});
const sorted = (values: unknown[]): string[] => values.map((v) => JSON.stringify(v)).sort();

describe('source.datagen', () => {
  const params = { count: 200, keys: 5, keySkew: 0.6, maxOutOfOrdernessMs: 3, seed: 9 };

  test.each([1, 3])(
    'emits records 0..count-1 exactly once with parallelism %i, record n from subtask n % p',
    (parallelism) => {
      const jobGraph = job(
        [
          { id: 'gen', kind: 'source.datagen', parallelism, params },
          {
            id: 'stamp',
            kind: 'map',
            parallelism,
            params: { fn: '(r, ctx) => ({ ...r, subtask: ctx.subtaskIndex })' },
          },
          { id: 'out', kind: 'sink.collect', parallelism: 1 },
        ],
        [
          { source: 'gen', target: 'stamp' },
          { source: 'stamp', target: 'out', partitioner: 'rebalance' },
        ],
      );
      const result = runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) });
      expect(result.status).toBe('FINISHED');
      const out = result.sinks.out as { key: string; value: number; timestamp: number; subtask: number }[];
      const expected = Array.from({ length: 200 }, (_, n) => datagenRecord(params, n));
      expect(sorted(out.map(({ subtask: _subtask, ...r }) => r))).toEqual(sorted(expected));
      // Subtask i emits n = i, i + p, ...: record n of the job comes from subtask n % p.
      const subtaskOf = new Map(expected.map((r, n) => [JSON.stringify(r), n % parallelism]));
      for (const { subtask, ...r } of out) expect(subtask).toBe(subtaskOf.get(JSON.stringify(r)));
    },
  );
});

describe('slowdownMs', () => {
  const recorded: string[] = [];
  const sink: OneInputStreamOperator = {
    open: () => recorded.push('open'),
    processElement: (r) => recorded.push(String(r.value)),
    processWatermark: () => recorded.push('watermark'),
    processWatermarkStatus: () => recorded.push('status'),
    finish: () => recorded.push('finish'),
    close: () => recorded.push('close'),
  };
  const output: Output = {
    collect: () => {},
    collectSideOutput: () => {},
    emitWatermark: () => {},
    emitWatermarkStatus: () => {},
  };

  test('delays every record an operator processes by that long on the task thread, and passes everything through', () => {
    const slowed = withSlowdown({ id: 'slow', kind: 'sink.discard', parallelism: 1, slowdownMs: 20 }, output, () => ({
      role: 'sink',
      operator: sink,
    }));
    expect(slowed.role).toBe('sink');
    const operator = slowed.operator as OneInputStreamOperator;
    operator.open();
    const started = performance.now();
    for (let i = 0; i < 5; i++) operator.processElement(record(i));
    const elapsed = performance.now() - started;
    operator.processWatermark({ kind: 'watermark', timestamp: 1 });
    operator.finish();
    operator.close();
    expect(elapsed).toBeGreaterThanOrEqual(5 * 20 - 1);
    expect(recorded).toEqual(['open', '0', '1', '2', '3', '4', 'watermark', 'finish', 'close']);
  });

  test('delays every record a source emits; an operator without slowdown is built as is', () => {
    const emitted: unknown[] = [];
    const counting: Output = { ...output, collect: (r) => emitted.push(r.value) };
    let given: Output | undefined;
    const slowed = withSlowdown(
      { id: 'gen', kind: 'source.sequence', parallelism: 1, slowdownMs: 15 },
      counting,
      (out) => {
        given = out;
        return {
          role: 'source',
          operator: { open: () => {}, finish: () => {}, close: () => {}, emitNext: () => ({ status: 'END_OF_INPUT' }) },
        };
      },
    );
    expect(slowed.role).toBe('source');
    const started = performance.now();
    given!.collect(record('a'));
    given!.collect(record('b'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 15 - 1);
    expect(emitted).toEqual(['a', 'b']);

    let plain: Output | undefined;
    withSlowdown({ id: 'm', kind: 'map', parallelism: 1 }, counting, (out) => {
      plain = out;
      return { role: 'transform', operator: sink };
    });
    expect(plain).toBe(counting);
  });
});
