/**
 * The keyed operators inside real StreamTasks (runLocally: serialized buffers, credit, hash exchange), no test doubles.
 */
import type { JobGraph } from '@sluice/model';
import { assignKeyToParallelOperator, planExecutionGraph } from '@sluice/planner';
import { describe, expect, it } from 'vitest';
import { runLocally } from '../../src/local/local-execution.js';

describe('keyed reduce behind a hash exchange', () => {
  it('each key is reduced on the subtask its key group maps to (§3 Key groups), and its running total ends at the key total', () => {
    const jobGraph: JobGraph = {
      version: 1,
      name: 'keyed reduce',
      config: { maxParallelism: 128 },
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 500 } },
        { id: 'kv', kind: 'map', parallelism: 2, params: { fn: '(n) => ({ key: n % 7, n, count: 1 })' } },
        {
          id: 'agg',
          kind: 'reduce',
          parallelism: 3,
          params: {
            fn: '(acc, v, ctx) => ({ key: acc.key, n: acc.n + v.n, count: acc.count + 1, subtask: ctx.subtaskIndex })',
          },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'kv', partitioner: 'forward' },
        { source: 'kv', target: 'agg', partitioner: 'hash', key: '(r) => r.key' },
        { source: 'agg', target: 'out', partitioner: 'rebalance' },
      ],
    };
    const result = runLocally({ jobGraph, executionGraph: planExecutionGraph(jobGraph) }, { seed: 3 });
    expect(result.status).toBe('FINISHED');

    type Acc = { key: number; n: number; count: number; subtask?: number };
    const out = result.sinks.out as Acc[];
    expect(out).toHaveLength(500);
    for (let key = 0; key < 7; key++) {
      const updates = out.filter((r) => r.key === key);
      const numbers = Array.from({ length: 500 }, (_, i) => i + 1).filter((n) => n % 7 === key);
      // every record of the key emitted one update; counts 1..k arrive in order from the one subtask
      expect(updates.map((r) => r.count)).toEqual(numbers.map((_, i) => i + 1));
      expect(updates.at(-1)?.n).toBe(numbers.reduce((a, b) => a + b, 0));
      const expectedSubtask = assignKeyToParallelOperator(key, 128, 3);
      for (const update of updates.slice(1)) expect(update.subtask).toBe(expectedSubtask);
    }
  });
});
