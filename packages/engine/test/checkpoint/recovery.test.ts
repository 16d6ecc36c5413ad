/**
 * Checkpoints of whole jobs on the in-process runner: real StreamTasks, serialized buffers under credit, barriers
 * as events; a restart is a fresh LocalExecution deployed with the restored state (§7 Checkpoints and recovery).
 */
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, it } from 'vitest';
import { assignRestoredState } from '../../src/checkpoint/index.js';
import {
  LocalExecution,
  localDeploymentDescriptors,
  type LocalCompletedCheckpoint,
} from '../../src/local/local-execution.js';
import type { TaskDeploymentDescriptor } from '../../src/task/deployment.js';

const N = 600;
const KEYS = 5;

function runningSumJob(
  mode: 'EXACTLY_ONCE' | 'AT_LEAST_ONCE' = 'EXACTLY_ONCE',
  unaligned = false,
  sumParallelism = 3,
): JobGraph {
  return {
    version: 1,
    name: 'running sum',
    // An interval longer than any run: checkpoints come from the test, the periodic one only ends bounded runs.
    // Small buffers: backpressure keeps records in flight, so a checkpoint lands mid-stream with data queued at every stage.
    config: { maxParallelism: 128, bufferSizeBytes: 256, checkpointing: { intervalMs: 1_000_000, mode, unaligned } },
    operators: [
      { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: N } },
      { id: 'kv', kind: 'map', parallelism: 2, params: { fn: `(n) => ({ key: n % ${KEYS}, sum: n, count: 1 })` } },
      {
        id: 'agg',
        kind: 'reduce',
        parallelism: sumParallelism,
        params: { fn: '(a, v) => ({ key: a.key, sum: a.sum + v.sum, count: a.count + 1 })' },
      },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'kv', partitioner: 'forward' },
      { source: 'kv', target: 'agg', partitioner: 'hash', key: '(r) => r.key' },
      { source: 'agg', target: 'out', partitioner: 'rebalance' },
    ],
  };
}

const descriptors = (jobGraph: JobGraph) => localDeploymentDescriptors(jobGraph, planExecutionGraph(jobGraph));
type Acc = { key: number; sum: number; count: number };

const expectedTotals = () => {
  const totals = new Map<number, Acc>();
  for (let n = 1; n <= N; n++) {
    const t = totals.get(n % KEYS) ?? { key: n % KEYS, sum: 0, count: 0 };
    totals.set(n % KEYS, { key: t.key, sum: t.sum + n, count: t.count + 1 });
  }
  return totals;
};

/** Runs `steps` steps, takes checkpoint 1, waits for it to complete, runs `after` more steps, then kills the job. */
function checkpointThenKill(
  tdds: TaskDeploymentDescriptor[],
  seed: number,
  steps: number,
  after: number,
): { execution: LocalExecution; checkpoint: LocalCompletedCheckpoint } {
  const execution = new LocalExecution(tdds, { seed });
  execution.start();
  for (let i = 0; i < steps; i++) execution.step();
  const checkpointId = execution.triggerCheckpoint();
  if (checkpointId === undefined) throw new Error(`a checkpoint is still pending at ${execution.now()} ms`);
  const completed = () => execution.completedCheckpoints.find((c) => c.checkpointId === checkpointId);
  while (!completed()) expect(execution.step()).toBe(true);
  for (let i = 0; i < after; i++) execution.step();
  execution.cancel();
  return { execution, checkpoint: completed()! };
}

/** Keyed reduce state of a checkpoint: key → accumulator. */
function reduceState(checkpoint: LocalCompletedCheckpoint): Map<number, Acc> {
  const state = new Map<number, Acc>();
  for (const { state: snapshot } of checkpoint.subtasks) {
    for (const { state: group } of snapshot.operators.agg?.keyedState ?? []) {
      for (const box of Object.values((group as Record<string, Record<string, { aggregate: Acc }>>).accumulator!))
        state.set(box.aggregate.key, box.aggregate);
    }
  }
  return state;
}

/** The records the sources emitted before their barrier: the numbers their split positions passed. */
function emittedBeforeBarrier(checkpoint: LocalCompletedCheckpoint): number[] {
  const emitted: number[] = [];
  for (const { vertexId, subtaskIndex, state } of checkpoint.subtasks) {
    if (vertexId !== 'src') continue;
    const [split] = state.operators.src!.operatorState as { next: number; end: number }[];
    const start = subtaskIndex === 0 ? 1 : N / 2 + 1;
    const next = split?.next ?? (subtaskIndex === 0 ? N / 2 + 1 : N + 1);
    for (let n = start; n < next; n++) emitted.push(n);
  }
  return emitted;
}

const totalsOf = (numbers: number[]) => {
  const totals = new Map<number, Acc>();
  for (const n of numbers) {
    const t = totals.get(n % KEYS) ?? { key: n % KEYS, sum: 0, count: 0 };
    totals.set(n % KEYS, { key: t.key, sum: t.sum + n, count: t.count + 1 });
  }
  return totals;
};

describe('checkpoint snapshots on a running job (§7 Trigger and ack)', () => {
  for (const seed of [1, 2, 3]) {
    it(`aligned EXACTLY_ONCE, seed ${seed}: every task acknowledges, and the keyed sums are exactly those of the records before the sources' barriers`, () => {
      const { checkpoint } = checkpointThenKill(descriptors(runningSumJob()), seed, 10 + seed * 9, 0);
      expect(checkpoint.acknowledgements.map((a) => `${a.vertexId}#${a.subtaskIndex}`).sort()).toEqual(
        ['agg#0', 'agg#1', 'agg#2', 'out#0', 'src#0', 'src#1'].sort(),
      );
      const emitted = emittedBeforeBarrier(checkpoint);
      expect(emitted.length).toBeGreaterThan(0);
      expect(emitted.length).toBeLessThan(N);
      expect(reduceState(checkpoint)).toEqual(totalsOf(emitted));
      for (const ack of checkpoint.acknowledgements) expect(ack.stateSizeBytes).toBeGreaterThan(0);
    });
  }

  it('unaligned: operator state plus the overtaken in-flight records is exactly the records before the barriers', () => {
    const { checkpoint } = checkpointThenKill(descriptors(runningSumJob('EXACTLY_ONCE', true)), 5, 30, 0);
    const overtaken = checkpoint.subtasks
      .filter((s) => s.vertexId === 'agg')
      .flatMap((s) => s.state.inputChannelState.flatMap((c) => c.elements))
      .flatMap((e) => ((e as { kind: string }).kind === 'record' ? [(e as { value: Acc }).value.sum] : []));
    const inState = [...reduceState(checkpoint).values()].reduce((n, a) => n + a.count, 0);
    expect(inState + overtaken.length).toBe(emittedBeforeBarrier(checkpoint).length);
    const totals = new Map<number, Acc>(reduceState(checkpoint));
    for (const n of overtaken) {
      const t = totals.get(n % KEYS) ?? { key: n % KEYS, sum: 0, count: 0 };
      totals.set(n % KEYS, { key: t.key, sum: t.sum + n, count: t.count + 1 });
    }
    expect(totals).toEqual(totalsOf(emittedBeforeBarrier(checkpoint)));
  });

  it('AT_LEAST_ONCE: the keyed state holds every record before the barriers, and over some seeds records after them too', () => {
    let sawPostBarrier = false;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { checkpoint } = checkpointThenKill(descriptors(runningSumJob('AT_LEAST_ONCE')), seed, 20 + seed * 3, 0);
      const before = totalsOf(emittedBeforeBarrier(checkpoint));
      const state = reduceState(checkpoint);
      for (const [key, acc] of before) expect(state.get(key)!.count).toBeGreaterThanOrEqual(acc.count);
      if ([...state.values()].reduce((n, a) => n + a.count, 0) > emittedBeforeBarrier(checkpoint).length)
        sawPostBarrier = true;
    }
    expect(sawPostBarrier).toBe(true);
  });
});

describe('restart from a checkpoint taken mid-stream (§7 Recovery)', () => {
  const uninterrupted = () => {
    const execution = new LocalExecution(descriptors(runningSumJob()), { seed: 9 });
    execution.start();
    return execution.runToCompletion();
  };

  for (const [seed, unaligned] of [
    [1, false],
    [2, false],
    [3, true],
    [4, true],
  ] as const) {
    it(`${unaligned ? 'unaligned' : 'aligned'}, seed ${seed}: a fresh job restored from it emits exactly the updates after the checkpoint and ends at the uninterrupted run's sums`, () => {
      const jobGraph = runningSumJob('EXACTLY_ONCE', unaligned);
      const { checkpoint } = checkpointThenKill(descriptors(jobGraph), seed, 15 + seed * 8, 10);
      const restoredTdds = assignRestoredState(descriptors(jobGraph), checkpoint.checkpointId, checkpoint.subtasks);
      expect(emittedBeforeBarrier(checkpoint).length).toBeLessThan(N);
      const restarted = new LocalExecution(restoredTdds, { seed: seed + 100 });
      restarted.start();
      const result = restarted.runToCompletion();
      expect(result.status).toBe('FINISHED');
      // The running sum goes on from the checkpoint: per key, counts c+1 .. total, each once (no loss, no duplicate).
      const inCheckpoint = reduceState(checkpoint);
      const overtaken = checkpoint.subtasks.flatMap((s) => s.state.inputChannelState.flatMap((c) => c.elements)).length;
      const out = result.sinks.out as Acc[];
      const final = new Map<number, Acc>();
      for (let key = 0; key < KEYS; key++) {
        const counts = out.filter((a) => a.key === key).map((a) => a.count);
        const total = expectedTotals().get(key)!.count;
        const from = (inCheckpoint.get(key)?.count ?? 0) + 1;
        if (overtaken === 0) expect(counts).toEqual(Array.from({ length: total - from + 1 }, (_, i) => from + i));
        else expect(new Set(counts).size).toBe(counts.length);
        final.set(key, out.filter((a) => a.key === key).at(-1)!);
      }
      expect(final).toEqual(expectedTotals());
      const finals = new Map((uninterrupted().sinks.out as Acc[]).map((a) => [a.key, a]));
      expect(final).toEqual(finals);
    });
  }

  it('rescaling the keyed sum 3 → 2 and 2 → 3 from a savepoint ends at the same sums (§3 Key groups)', () => {
    for (const [from, to] of [
      [3, 2],
      [2, 3],
    ] as const) {
      const { checkpoint } = checkpointThenKill(descriptors(runningSumJob('EXACTLY_ONCE', false, from)), 7, 35, 5);
      const restarted = new LocalExecution(
        assignRestoredState(
          descriptors(runningSumJob('EXACTLY_ONCE', false, to)),
          checkpoint.checkpointId,
          checkpoint.subtasks,
        ),
        { seed: 8 },
      );
      restarted.start();
      const out = restarted.runToCompletion().sinks.out as Acc[];
      expect(new Map(out.map((a) => [a.key, a]))).toEqual(expectedTotals());
    }
  });

  it('refuses a restore into a job whose maxParallelism changed', () => {
    const { checkpoint } = checkpointThenKill(descriptors(runningSumJob()), 1, 20, 0);
    const changed = runningSumJob();
    changed.config!.maxParallelism = 256;
    expect(() => assignRestoredState(descriptors(changed), 1, checkpoint.subtasks)).toThrow(
      'operator "agg": checkpoint 1 was taken with maxParallelism 128, the job now has 256; keyed state is partitioned into key groups by maxParallelism, which cannot change',
    );
  });
});
