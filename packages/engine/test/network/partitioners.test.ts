import type { JobGraph, Partitioner } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, test } from 'vitest';
import { record } from '../../src/elements/stream-element.js';
import { createChannelSelector, rebalanceSelector, rescaleSelector } from '../../src/network/partitioners.js';
import { localDeploymentDescriptors } from '../../src/local/local-execution.js';
import type { ResultPartitionDescriptor } from '../../src/task/deployment.js';
import { SeededRandom } from '../../src/util/seeded-random.js';

const ctx = { subtaskIndex: 0, parallelism: 1, maxParallelism: 128, attemptNumber: 0, taskName: 't' };
const local = { taskManagerId: 'local', slotIndex: 0 };

function partition(
  partitioner: Partitioner,
  consumers: number,
  extra: Partial<ResultPartitionDescriptor> = {},
): ResultPartitionDescriptor {
  return {
    edgeIndex: 0,
    sourceOperator: 'src',
    targetVertexId: 'target',
    partitioner,
    consumerParallelism: consumers,
    consumerMaxParallelism: 128,
    consumers: Array.from({ length: consumers }, (_, subtaskIndex) => ({ subtaskIndex, location: local })),
    ...extra,
  };
}

const select = (selector: (r: ReturnType<typeof record>) => number | 'all', values: unknown[]): (number | 'all')[] =>
  values.map((v) => selector(record(v)));

describe('channel selection (§3 Partitioners)', () => {
  test('rebalance, n=3, seeded start 1 → 2, 0, 1, 2 (§8 Ex 4)', () => {
    expect(select(rebalanceSelector(3, 1), [0, 0, 0, 0])).toEqual([2, 0, 1, 2]);
  });

  test('rebalance draws its start from the seeded random once, then round-robins', () => {
    const start = new SeededRandom(7).nextInt(4);
    const channels = select(
      createChannelSelector(partition('rebalance', 4), ctx, new SeededRandom(7)),
      [0, 0, 0, 0, 0],
    );
    expect(channels).toEqual([1, 2, 3, 4, 5].map((i) => (start + i) % 4));
  });

  test('rescale starts at channel 0 and cycles over the subtask’s own channels', () => {
    expect(select(rescaleSelector(2), [0, 0, 0, 0, 0])).toEqual([0, 1, 0, 1, 0]);
  });

  test('hash sends each key to the subtask of its key group (§3 Key groups, Ex 4, p=3 and p=4)', () => {
    const keys = [0, 1, 2, 3, 4, 5, 9, 42, 'a', 'hello'];
    const p3 = createChannelSelector(partition('hash', 3, { key: 'r => r' }), ctx, new SeededRandom(0));
    expect(select(p3, keys)).toEqual([2, 2, 2, 2, 0, 2, 1, 0, 1, 0]);
    const p4 = createChannelSelector(
      partition('hash', 4, { key: 'r => r.user', consumerParallelism: 4 }),
      ctx,
      new SeededRandom(0),
    );
    expect(
      select(
        p4,
        keys.map((user) => ({ user })),
      ),
    ).toEqual([2, 2, 3, 3, 0, 3, 1, 0, 2, 1]);
  });

  test('a key selector that throws is the source operator’s user error', () => {
    const selector = createChannelSelector(partition('hash', 2, { key: 'r => r.a.b' }), ctx, new SeededRandom(0));
    expect(() => selector(record({}))).toThrow(
      expect.objectContaining({ name: 'UserFunctionError', operatorId: 'src' }),
    );
  });

  test('broadcast selects every channel; forward has exactly one; shuffle stays in range and follows its seed', () => {
    expect(createChannelSelector(partition('broadcast', 3), ctx, new SeededRandom(0))(record(1))).toBe('all');
    expect(createChannelSelector(partition('forward', 1), ctx, new SeededRandom(0))(record(1))).toBe(0);
    expect(() => createChannelSelector(partition('forward', 2), ctx, new SeededRandom(0))).toThrow(
      'exactly one consumer',
    );
    const shuffled = (seed: number): (number | 'all')[] =>
      select(createChannelSelector(partition('shuffle', 3), ctx, new SeededRandom(seed)), Array(300).fill(0));
    const channels = shuffled(11);
    expect(new Set(channels)).toEqual(new Set([0, 1, 2]));
    expect(shuffled(11)).toEqual(channels);
  });
});

describe('pointwise wiring of the deployment descriptors (§3 POINTWISE, Ex 4 rescale)', () => {
  const wiring = (
    p: number,
    q: number,
  ): { consumers: number[][]; producers: number[][]; gatePartitioners: string[] } => {
    const jobGraph: JobGraph = {
      version: 1,
      name: 'rescale',
      operators: [
        { id: 'a', kind: 'source.sequence', parallelism: p, params: { from: 1, to: 2 } },
        { id: 'b', kind: 'sink.discard', parallelism: q },
      ],
      edges: [{ source: 'a', target: 'b', partitioner: 'rescale' }],
    };
    const tdds = localDeploymentDescriptors(jobGraph, planExecutionGraph(jobGraph));
    return {
      consumers: tdds
        .filter((t) => t.vertexId === 'a')
        .map((t) => t.resultPartitions[0]!.consumers.map((c) => c.subtaskIndex)),
      producers: tdds
        .filter((t) => t.vertexId === 'b')
        .map((t) => t.inputGates[0]!.producers.map((c) => c.subtaskIndex)),
      gatePartitioners: tdds.filter((t) => t.vertexId === 'b').map((t) => t.inputGates[0]!.partitioner),
    };
  };

  test('2→4: src0→{0,1}, src1→{2,3}', () => {
    expect(wiring(2, 4).consumers).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  test('3→5: {0,1},{2,3},{4}', () => {
    expect(wiring(3, 5).consumers).toEqual([[0, 1], [2, 3], [4]]);
  });

  test('5→3: tgt0←{0}, tgt1←{1,2}, tgt2←{3,4}; the gates carry the partitioner', () => {
    const { producers, gatePartitioners } = wiring(5, 3);
    expect(producers).toEqual([[0], [1, 2], [3, 4]]);
    expect(gatePartitioners).toEqual(['rescale', 'rescale', 'rescale']);
  });
});
