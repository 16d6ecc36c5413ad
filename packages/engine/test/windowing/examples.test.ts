/**
 * The event-time teaching examples run as jobs through runLocally: their sinks receive exactly the records the
 * examples document, whatever the interleaving (seed), and the watermark behaviour each example teaches
 * (§5 Per-channel valve: the minimum over channels; idle channels leave it) shows in when results arrive.
 */
import { EXAMPLES, exampleById, type ExampleJob, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { LocalExecution, runLocally } from '../../src/local/local-execution.js';

const sorted = (records: unknown[]): string[] => records.map((r) => JSON.stringify(r)).sort();
const local = (jobGraph: JobGraph) => ({ jobGraph, executionGraph: planExecutionGraph(jobGraph) });
const eventTimeExamples = EXAMPLES.filter((e) => e.jobGraph.operators.some((op) => op.kind === 'window'));

describe('event-time examples', () => {
  test('are the four teaching examples', () => {
    expect(eventTimeExamples.map((e) => e.id)).toEqual([
      'out-of-order-tumbling',
      'slow-source-holds-watermark',
      'idle-partition',
      'session-merge',
    ]);
  });

  test.each(eventTimeExamples.flatMap((e) => [0, 7].map((seed) => [e.id, seed, e] as const)))(
    '%s (seed %i) delivers its expected records',
    (_id, seed, example: ExampleJob) => {
      const result = runLocally(local(example.jobGraph), { seed });
      expect(result.status).toBe('FINISHED');
      for (const [sink, expected] of Object.entries(example.expectedSinkRecords))
        expect(sorted(result.sinks[sink] ?? []), sink).toEqual(sorted(expected));
    },
  );
});

/** Steps the job until `done` says so; returns the execution at that point. */
function stepUntil(jobGraph: JobGraph, done: (execution: LocalExecution) => boolean): LocalExecution {
  const execution = new LocalExecution(local(jobGraph), { seed: 3 });
  execution.start();
  while (!done(execution)) if (!execution.step()) throw new Error('the job ended first');
  return execution;
}

const stateOf = (execution: LocalExecution, vertexId: string, subtaskIndex: number) =>
  execution
    .result()
    .tasks.find((t) => t.vertexId === vertexId && t.subtaskIndex === subtaskIndex)
    ?.states.at(-1);
const sinkCount = (execution: LocalExecution, sink: string) => execution.result().sinks[sink]?.length ?? 0;

describe('what the examples teach (§5 Per-channel valve)', () => {
  test('slow-source-holds-watermark: the fast source has finished before its first window fires', () => {
    const { jobGraph } = exampleById('slow-source-holds-watermark')!;
    const execution = stepUntil(jobGraph, (e) =>
      (e.result().sinks.counts ?? []).some((r) => (r as { key: string }).key === 'fast'),
    );
    expect(stateOf(execution, 'fast', 0)).toBe('FINISHED');
    expect(stateOf(execution, 'slow', 0)).toBe('RUNNING');
  });

  test('idle-partition: without idleness nothing fires while partition 1 is still running', () => {
    const { jobGraph } = exampleById('idle-partition')!;
    const execution = stepUntil(jobGraph, (e) => sinkCount(e, 'counts') > 0);
    expect(stateOf(execution, 'source', 1)).toBe('FINISHED');
  });

  test('idle-partition: with idlenessMs 500 on the watermarks, windows fire while partition 1 is still running', () => {
    const { jobGraph } = exampleById('idle-partition')!;
    const withIdleness: JobGraph = {
      ...jobGraph,
      operators: jobGraph.operators.map((op) =>
        op.id === 'watermarks' ? { ...op, params: { ...op.params, idlenessMs: 500 } } : op,
      ),
    };
    const execution = stepUntil(withIdleness, (e) => sinkCount(e, 'counts') >= 2);
    expect(stateOf(execution, 'source', 1)).toBe('RUNNING');
    expect(stateOf(execution, 'source', 0)).toBe('RUNNING');
  });
});
