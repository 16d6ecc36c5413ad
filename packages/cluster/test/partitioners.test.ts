/**
 * Every partitioner on a real local cluster: 2 TaskManager processes × 3 slots, tasks on worker threads,
 * records in network buffers. Each test tags records with the subtask that saw them (ctx.subtaskIndex)
 * and checks where the partitioner put them, per semantics §3 Partitioners.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeSpec, OperatorSpec } from '@sluice/model';
import { LocalCluster } from '../src/index.js';
import { edge, jobGraph, multiset, operator, runToCompletion } from './harness.js';

let cluster: LocalCluster;
beforeAll(async () => {
  cluster = await LocalCluster.start({ taskManagers: 2, slotsPerTaskManager: 3 });
});
afterAll(() => cluster?.shutdown());

interface Tagged {
  v: unknown;
  src?: number;
  dst: number;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const tagSource = (parallelism: number) =>
  operator('tagSrc', 'map', parallelism, { fn: '(v, ctx) => ({ v, src: ctx.subtaskIndex })' });
/** Tags a plain value with the subtask that received it. */
const tagTarget = (parallelism: number, id = 'tagDst') =>
  operator(id, 'map', parallelism, { fn: '(v, ctx) => ({ v, dst: ctx.subtaskIndex })' });
/** Adds the receiving subtask to a record tagSource made. */
const tagTargetOfTagged = (parallelism: number, extra = {}) =>
  operator('tagDst', 'map', parallelism, { fn: '(r, ctx) => ({ ...r, dst: ctx.subtaskIndex })' }, extra);
/** Runs the job with a collecting sink `out` behind `tagDst`, and returns what `out` collected. */
async function collectTagged(name: string, operators: OperatorSpec[], edges: EdgeSpec[]): Promise<Tagged[]> {
  const details = await runToCompletion(
    cluster,
    jobGraph(name, [...operators, operator('out', 'sink.collect', 1)], [...edges, edge('tagDst', 'out', 'rebalance')]),
  );
  return details.sinks.out as Tagged[];
}
const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

describe('partitioners on a real cluster (§3 Partitioners)', () => {
  it('forward: subtask i feeds subtask i (§3 POINTWISE src == tgt)', async () => {
    const out = await collectTagged(
      'forward',
      [
        operator('src', 'source.sequence', 2, { from: 1, to: 40 }),
        tagSource(2),
        tagTargetOfTagged(2, { chaining: 'HEAD' }),
      ],
      [edge('src', 'tagSrc'), edge('tagSrc', 'tagDst', 'forward')],
    );
    expect(multiset(out.map((r) => r.v))).toEqual(multiset(range(1, 40)));
    expect(out.every((r) => r.src === r.dst)).toBe(true);
    expect(new Set(out.map((r) => r.src))).toEqual(new Set([0, 1]));
  });

  it('rebalance: one producer deals records round robin, so 3 consumers get exactly a third each (§3 Rebalance)', async () => {
    const out = await collectTagged(
      'rebalance',
      [operator('src', 'source.sequence', 1, { from: 1, to: 30 }), tagTarget(3)],
      [edge('src', 'tagDst', 'rebalance')],
    );
    expect(multiset(out.map((r) => r.v))).toEqual(multiset(range(1, 30)));
    expect(countBy(out, (r) => String(r.dst))).toEqual({ 0: 10, 1: 10, 2: 10 });
    // Round robin: consecutive records of the one producer go to consecutive channels.
    const bySequence = [...out].sort((a, b) => (a.v as number) - (b.v as number));
    for (let i = 1; i < bySequence.length; i++) expect(bySequence[i]!.dst).toBe((bySequence[i - 1]!.dst + 1) % 3);
  });

  it('rescale 2→4: src0 feeds {0,1}, src1 feeds {2,3}, round robin from the first channel (§3, Ex 4)', async () => {
    const out = await collectTagged(
      'rescale 2 to 4',
      [operator('src', 'source.sequence', 2, { from: 1, to: 41 }), tagSource(2), tagTargetOfTagged(4)],
      [edge('src', 'tagSrc'), edge('tagSrc', 'tagDst', 'rescale')],
    );
    expect(multiset(out.map((r) => r.v))).toEqual(multiset(range(1, 41)));
    const wiring: Record<number, number[]> = { 0: [0, 1], 1: [2, 3] };
    for (const src of [0, 1]) {
      const fromSrc = out.filter((r) => r.src === src);
      const [first, second] = wiring[src]!;
      expect(fromSrc.every((r) => r.dst === first || r.dst === second)).toBe(true);
      // `next` starts at −1, so the first channel gets the odd record out.
      expect(fromSrc.filter((r) => r.dst === first)).toHaveLength(Math.ceil(fromSrc.length / 2));
      expect(fromSrc.filter((r) => r.dst === second)).toHaveLength(Math.floor(fromSrc.length / 2));
    }
  });

  it('rescale 5→3: tgt0 reads {0}, tgt1 reads {1,2}, tgt2 reads {3,4} (§3, Ex 4)', async () => {
    const out = await collectTagged(
      'rescale 5 to 3',
      [operator('src', 'source.sequence', 5, { from: 1, to: 50 }), tagSource(5), tagTargetOfTagged(3)],
      [edge('src', 'tagSrc'), edge('tagSrc', 'tagDst', 'rescale')],
    );
    expect(multiset(out.map((r) => r.v))).toEqual(multiset(range(1, 50)));
    const targetOf = [0, 1, 1, 2, 2];
    for (const r of out) expect(r.dst).toBe(targetOf[r.src!]);
    expect(new Set(out.map((r) => r.src))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('broadcast: every consumer gets every record, in the producer order (§3 Broadcast)', async () => {
    const out = await collectTagged(
      'broadcast',
      [
        operator('src', 'source.collection', 1, { elements: [{ value: 'x' }, { value: 'y' }, { value: 'z' }] }),
        tagTarget(3),
      ],
      [edge('src', 'tagDst', 'broadcast')],
    );
    expect(out).toHaveLength(9);
    for (const dst of [0, 1, 2]) expect(out.filter((r) => r.dst === dst).map((r) => r.v)).toEqual(['x', 'y', 'z']);
  });

  it('shuffle: every record reaches exactly one consumer (§3 Shuffle)', async () => {
    const out = await collectTagged(
      'shuffle',
      [operator('src', 'source.sequence', 2, { from: 1, to: 200 }), tagTarget(3)],
      [edge('src', 'tagDst', 'shuffle')],
    );
    expect(multiset(out.map((r) => r.v))).toEqual(multiset(range(1, 200)));
    expect(out.every((r) => r.dst >= 0 && r.dst < 3)).toBe(true);
  });

  it('hash: each key lands on the subtask of its key group, for p=4 and p=3 (§3 Key groups, Ex 4)', async () => {
    const keys = [0, 1, 2, 3, 4, 5, 9, 42, 'a', 'hello'];
    const details = await runToCompletion(
      cluster,
      jobGraph(
        'hash',
        [
          operator('src', 'source.collection', 1, { elements: keys.map((value) => ({ value })) }),
          tagTarget(4, 'p4'),
          tagTarget(3, 'p3'),
          operator('out4', 'sink.collect', 1),
          operator('out3', 'sink.collect', 1),
        ],
        [
          edge('src', 'p4', 'hash', 'k => k'),
          edge('src', 'p3', 'hash', 'k => k'),
          edge('p4', 'out4', 'rebalance'),
          edge('p3', 'out3', 'rebalance'),
        ],
      ),
    );
    const placement = (sink: string): Record<string, number> =>
      Object.fromEntries((details.sinks[sink] as Tagged[]).map((r) => [String(r.v), r.dst]));
    expect(placement('out4')).toEqual({ 0: 2, 1: 2, 2: 3, 3: 3, 4: 0, 5: 3, 9: 1, 42: 0, a: 2, hello: 1 });
    expect(placement('out3')).toEqual({ 0: 2, 1: 2, 2: 2, 3: 2, 4: 0, 5: 2, 9: 1, 42: 0, a: 1, hello: 0 });
    expect(details.sinks.out4).toHaveLength(keys.length);
    expect(details.sinks.out3).toHaveLength(keys.length);
  });
});
