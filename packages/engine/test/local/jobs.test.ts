/**
 * Whole jobs through runLocally: planner → deployment descriptors → real StreamTasks exchanging serialized
 * buffers under credit, on the deterministic scheduler. Outputs are exact.
 */
import type { EdgeSpec, JobGraph, OperatorSpec } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { MAX_WATERMARK_TIMESTAMP } from '../../src/elements/stream-element.js';
import { LocalExecution, runLocally, type LocalRunResult } from '../../src/local/local-execution.js';

const job = (operators: OperatorSpec[], edges: EdgeSpec[], config: JobGraph['config'] = {}): JobGraph => ({
  version: 1,
  name: 'test',
  config,
  operators,
  edges,
});
const run = (jobGraph: JobGraph, seed = 0): LocalRunResult =>
  runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) }, { seed });

/** A map that tags every value with the subtask that saw it: where the partitioner sent the record. */
const tagSubtask = (parallelism: number): OperatorSpec => ({
  id: 'm',
  kind: 'map',
  parallelism,
  chaining: 'HEAD',
  params: { fn: '(v, ctx) => ({ v, s: ctx.subtaskIndex })' },
});
const collect: OperatorSpec = { id: 'out', kind: 'sink.collect', parallelism: 1 };
const toSink: EdgeSpec = { source: 'm', target: 'out', partitioner: 'rebalance' };

type Tagged = { v: unknown; s: number };
const bySubtask = (result: LocalRunResult): Record<number, unknown[]> => {
  const groups: Record<number, unknown[]> = {};
  for (const { v, s } of result.sinks.out as Tagged[]) (groups[s] ??= []).push(v);
  return groups;
};

describe('records between tasks, one job per partitioner (§3)', () => {
  test('forward: subtask i feeds subtask i (sequence splits are contiguous)', () => {
    const result = run(
      job(
        [{ id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 6 } }, tagSubtask(2), collect],
        [{ source: 'src', target: 'm', partitioner: 'forward' }, toSink],
      ),
    );
    expect(result.status).toBe('FINISHED');
    expect(bySubtask(result)).toEqual({ 0: [1, 2, 3], 1: [4, 5, 6] });
  });

  test('rebalance: consecutive records go to consecutive subtasks, evenly', () => {
    const result = run(
      job(
        [{ id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 9 } }, tagSubtask(3), collect],
        [{ source: 'src', target: 'm', partitioner: 'rebalance' }, toSink],
      ),
    );
    const subtaskOf = new Map((result.sinks.out as Tagged[]).map(({ v, s }) => [v as number, s]));
    expect([...subtaskOf.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let v = 2; v <= 9; v++) expect(subtaskOf.get(v)).toBe((subtaskOf.get(v - 1)! + 1) % 3);
  });

  test('rescale 2→4: each producer round-robins over its own two consumers (§8 Ex 4 wiring)', () => {
    const result = run(
      job(
        [{ id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 8 } }, tagSubtask(4), collect],
        [{ source: 'src', target: 'm', partitioner: 'rescale' }, toSink],
      ),
    );
    expect(bySubtask(result)).toEqual({ 0: [1, 3], 1: [2, 4], 2: [5, 7], 3: [6, 8] });
  });

  test('broadcast: every subtask gets every record', () => {
    const result = run(
      job(
        [
          {
            id: 'src',
            kind: 'source.collection',
            parallelism: 1,
            params: { elements: [{ value: 'a' }, { value: 'b' }] },
          },
          tagSubtask(3),
          collect,
        ],
        [{ source: 'src', target: 'm', partitioner: 'broadcast' }, toSink],
      ),
    );
    expect(bySubtask(result)).toEqual({ 0: ['a', 'b'], 1: ['a', 'b'], 2: ['a', 'b'] });
  });

  test('shuffle: every record exactly once, spread over all subtasks, the same for the same seed', () => {
    const graph = job(
      [{ id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 60 } }, tagSubtask(3), collect],
      [{ source: 'src', target: 'm', partitioner: 'shuffle' }, toSink],
    );
    const first = run(graph, 1);
    const values = (first.sinks.out as Tagged[]).map((t) => t.v as number).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(Object.keys(bySubtask(first))).toEqual(['0', '1', '2']);
    expect(run(graph, 1).sinks).toEqual(first.sinks);
  });

  test('hash: every key lands on its key group’s subtask (§3 Key groups, Ex 4 p=3)', () => {
    const keys = [0, 1, 2, 3, 4, 5, 9, 42, 'a', 'hello'];
    const result = run(
      job(
        [
          {
            id: 'src',
            kind: 'source.collection',
            parallelism: 1,
            params: { elements: keys.map((value) => ({ value })) },
          },
          tagSubtask(3),
          collect,
        ],
        [{ source: 'src', target: 'm', partitioner: 'hash', key: 'r => r' }, toSink],
      ),
    );
    const subtaskOf = new Map((result.sinks.out as Tagged[]).map(({ v, s }) => [v, s]));
    expect(keys.map((k) => subtaskOf.get(k))).toEqual([2, 2, 2, 2, 0, 2, 1, 0, 1, 0]);
  });
});

describe('whole pipelines', () => {
  test('filter, flatMap, union of two sources, and the sources’ final watermark reaching the sink (§5)', () => {
    const result = run(
      job(
        [
          { id: 'evens', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 10 } },
          { id: 'f', kind: 'filter', parallelism: 2, params: { fn: 'v => v % 2 === 0' } },
          { id: 'twice', kind: 'flatMap', parallelism: 2, params: { fn: 'v => [v, v * 100]' } },
          {
            id: 'words',
            kind: 'source.collection',
            parallelism: 1,
            params: { elements: [{ value: 'x', timestamp: 5 }, { value: 'y' }] },
          },
          { id: 'u', kind: 'union', parallelism: 3 },
          collect,
        ],
        [
          { source: 'evens', target: 'f' },
          { source: 'f', target: 'twice' },
          { source: 'twice', target: 'u', partitioner: 'rebalance' },
          { source: 'words', target: 'u', partitioner: 'rebalance' },
          { source: 'u', target: 'out', partitioner: 'rebalance' },
        ],
      ),
    );
    expect(result.status).toBe('FINISHED');
    expect((result.sinks.out as unknown[]).map(String).sort()).toEqual([
      '10',
      '1000',
      '2',
      '200',
      '4',
      '400',
      '6',
      '600',
      '8',
      '800',
      'x',
      'y',
    ]);
    const sink = result.tasks.find((t) => t.vertexId === 'out')!;
    expect(sink.metrics.recordsIn).toBe(12);
    expect(sink.metrics.currentInputWatermark).toBe(MAX_WATERMARK_TIMESTAMP);
    for (const t of result.tasks) expect(t.states).toEqual(['DEPLOYING', 'INITIALIZING', 'RUNNING', 'FINISHED']);
  });

  test('keyed rolling sum after a hash exchange, and sink.print with subtask prefixes', () => {
    const result = run(
      job(
        [
          {
            id: 'src',
            kind: 'source.collection',
            parallelism: 1,
            params: { elements: ['a', 'b', 'a', 'c', 'a', 'b'].map((w) => ({ value: { w, n: 1 } })) },
          },
          { id: 'total', kind: 'sum', parallelism: 2, params: { field: 'n' } },
          { id: 'p', kind: 'sink.print', parallelism: 2 },
        ],
        [
          { source: 'src', target: 'total', partitioner: 'hash', key: 'r => r.w' },
          { source: 'total', target: 'p', partitioner: 'forward' },
        ],
      ),
    );
    expect(result.status).toBe('FINISHED');
    const lines = result.printed;
    const forKey = (w: string): string[] => lines.filter((l) => l.includes(`"${w}"`));
    expect(forKey('a').map((l) => JSON.parse(l.slice(l.indexOf('>') + 2)).n)).toEqual([1, 2, 3]);
    expect(forKey('b').map((l) => JSON.parse(l.slice(l.indexOf('>') + 2)).n)).toEqual([1, 2]);
    expect(forKey('c')).toHaveLength(1);
    expect(lines.every((l) => /^[12]> /.test(l))).toBe(true);
  });

  test('30 000 records in many buffers over two exchanges arrive exactly once', () => {
    const result = run(
      job(
        [
          { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 30_000 } },
          { id: 'pad', kind: 'map', parallelism: 3, params: { fn: "v => ({ v, pad: 'x'.repeat(40) })" } },
          { id: 'k', kind: 'map', parallelism: 2, params: { fn: 'r => r.v' } },
          collect,
        ],
        [
          { source: 'src', target: 'pad', partitioner: 'rebalance' },
          { source: 'pad', target: 'k', partitioner: 'hash', key: 'r => r.v % 7' },
          { source: 'k', target: 'out', partitioner: 'rebalance' },
        ],
        { bufferTimeoutMs: 5 },
      ),
    );
    expect(result.status).toBe('FINISHED');
    const values = (result.sinks.out as number[]).slice().sort((a, b) => a - b);
    expect(values.length).toBe(30_000);
    expect(values.every((v, i) => v === i + 1)).toBe(true);
  });
});

describe('failure and cancel', () => {
  test('a throwing user function fails the job with its message, its stack and its operator id', () => {
    const result = run(
      job(
        [
          { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 100 } },
          {
            id: 'm',
            kind: 'map',
            parallelism: 2,
            params: { fn: "function explode(v) { if (v === 7) throw new Error('boom at ' + v); return v; }" },
          },
          collect,
        ],
        [{ source: 'src', target: 'm', partitioner: 'rebalance' }, toSink],
      ),
    );
    expect(result.status).toBe('FAILED');
    expect(result.failure).toMatchObject({ vertexId: 'm', operatorId: 'm', message: 'boom at 7' });
    expect(result.failure!.stack).toContain('explode');
    const states = result.tasks.map((t) => t.states.at(-1));
    expect(states.filter((s) => s === 'FAILED')).toHaveLength(1);
    expect(states.every((s) => s === 'FAILED' || s === 'CANCELED' || s === 'FINISHED')).toBe(true);
  });

  test('cancel stops a running job: every task ends CANCELED and nothing runs afterwards', () => {
    const graph = job(
      [
        { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 1_000_000_000 } },
        { id: 'm', kind: 'map', parallelism: 2, chaining: 'HEAD', params: { fn: 'v => v' } },
        collect,
      ],
      [{ source: 'src', target: 'm', partitioner: 'rebalance' }, toSink],
      { bufferTimeoutMs: 1 },
    );
    const execution = new LocalExecution({ jobGraph: graph, executionGraph: planExecutionGraph(graph) });
    execution.start();
    for (let i = 0; i < 3000; i++) execution.step();
    const before = execution.result();
    expect(before.status).toBe('RUNNING');
    expect(before.sinks.out!.length).toBeGreaterThan(0);
    execution.cancel();
    const received = before.sinks.out!.length;
    let steps = 0;
    while (execution.step()) steps++;
    const after = execution.result();
    expect(after.status).toBe('CANCELED');
    for (const t of after.tasks) expect(t.states.at(-1)).toBe('CANCELED');
    expect(after.sinks.out!.length).toBe(received);
    expect(steps).toBeLessThan(100);
  });
});
