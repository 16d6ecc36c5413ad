/**
 * Whole jobs on a real local cluster of 2 TaskManager processes × 2 slots: keyed aggregation across TCP,
 * union, print and discard sinks, with exact results.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '@sluice/model';
import { LocalCluster } from '../src/index.js';
import { edge, EventRecorder, jobGraph, multiset, operator, runToCompletion } from './harness.js';

let cluster: LocalCluster;
let recorder: EventRecorder;
beforeAll(async () => {
  cluster = await LocalCluster.start({ taskManagers: 2, slotsPerTaskManager: 2 });
  recorder = new EventRecorder(cluster);
});
afterAll(() => cluster?.shutdown());

/** Established TCP connections (Linux /proc/net/tcp) whose accepting end listens on one of `ports`. */
function establishedConnectionsTo(ports: number[]): number {
  const ESTABLISHED = '01';
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([, local, , state]) =>
        state === ESTABLISHED && local !== undefined && ports.includes(parseInt(local.split(':')[1]!, 16)),
    ).length;
}

/** Flink's rolling aggregation emits one record per input: for a key seen c times, its running values 1..c. */
const rolling = (counts: Record<string, number>, toRecord: (key: string, n: number) => unknown): unknown[] =>
  Object.entries(counts).flatMap(([key, count]) => Array.from({ length: count }, (_, i) => toRecord(key, i + 1)));

describe('jobs on a real cluster', () => {
  it.each(EXAMPLES.map((example) => [example.id, example] as const))(
    'built-in example %s delivers exactly its expected records',
    async (_, example) => {
      const details = await runToCompletion(cluster, example.jobGraph);
      expect(Object.keys(details.sinks).sort()).toEqual(Object.keys(example.expectedSinkRecords).sort());
      for (const [sink, expected] of Object.entries(example.expectedSinkRecords))
        expect(multiset(details.sinks[sink]!)).toEqual(multiset(expected));
    },
  );

  it('word count: a hash exchange between TaskManagers (over TCP) and a keyed sum give exact rolling counts', async () => {
    const lines = ['to be or not to be', 'that is the question to be', 'or not'];
    const job = cluster.submitJob(
      jobGraph(
        'word count',
        [
          operator('src', 'source.collection', 2, { elements: lines.map((value) => ({ value })) }),
          operator('split', 'flatMap', 2, { fn: "line => line.split(' ').map(word => ({ word, n: 1 }))" }),
          operator('count', 'sum', 2, { field: 'n' }),
          operator('out', 'sink.collect', 1),
        ],
        [edge('src', 'split'), edge('split', 'count', 'hash', 'r => r.word'), edge('count', 'out', 'rebalance')],
      ),
    );
    const details = await job.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    const counts = { to: 3, be: 3, or: 2, not: 2, that: 1, is: 1, the: 1, question: 1 };
    expect(multiset(details.sinks.out!)).toEqual(multiset(rolling(counts, (word, n) => ({ word, n }))));
    // The live sink.records events carry the same records, in the same order, as the job's details.
    expect(recorder.of('sink.records', job.jobId).flatMap((event) => event.values)).toEqual(details.sinks.out);

    // The producers and consumers of the hash edge sit on different TaskManagers, so records crossed TCP.
    const placed = recorder.of('slot.allocated', job.jobId);
    const taskManagersOf = (vertexId: string): Set<string> =>
      new Set(placed.filter((event) => event.vertexId === vertexId).map((event) => event.taskManagerId));
    expect(taskManagersOf('src')).toEqual(new Set(['tm-1', 'tm-2']));
    expect(taskManagersOf('count')).toEqual(new Set(['tm-1', 'tm-2']));
    expect(recorder.of('slot.released', job.jobId)).toHaveLength(placed.length);
  });

  it('a high-volume hash exchange across TaskManagers completes: credits flow back over TCP (§4 Credit-based flow control)', async () => {
    const records = 200_000;
    const job = cluster.submitJob(
      jobGraph(
        'volume',
        [
          operator('src', 'source.sequence', 2, { from: 1, to: records }),
          operator('pass', 'map', 2, { fn: 'v => v' }),
          operator('drop', 'sink.discard', 2),
        ],
        [edge('src', 'pass', 'hash', 'v => v % 1000'), edge('pass', 'drop')],
      ),
    );
    const details = await job.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    // Far more than the 2 exclusive 32 KB buffers a channel starts with: without credit coming back, it would stall.
    const recordsIn = (vertexId: string): number =>
      details.subtasks
        .filter((subtask) => subtask.vertexId === vertexId)
        .reduce((sum, subtask) => sum + subtask.recordsIn, 0);
    expect(recordsIn('pass')).toBe(records);
    const placed = recorder.of('slot.allocated', job.jobId);
    expect(new Set(placed.map((event) => event.taskManagerId))).toEqual(new Set(['tm-1', 'tm-2']));
    // Records went both ways between the two TaskManagers, over exactly one TCP connection for the pair.
    if (existsSync('/proc/net/tcp'))
      expect(establishedConnectionsTo(cluster.taskManagers().map((tm) => tm.dataPort))).toBe(1);
    // The live metrics name the hash edge's channels by their two ends.
    const channels = recorder.of('metrics', job.jobId).flatMap((event) => event.channels);
    expect(channels.some((channel) => channel.sourceVertexId === 'src' && channel.targetVertexId === 'pass')).toBe(
      true,
    );
  });

  it('reduce per key folds each key on its own, in arrival order', async () => {
    const elements = [
      { k: 'a', total: 1 },
      { k: 'b', total: 10 },
      { k: 'a', total: 2 },
      { k: 'a', total: 3 },
      { k: 'b', total: 20 },
    ];
    const details = await runToCompletion(
      cluster,
      jobGraph(
        'reduce',
        [
          operator('src', 'source.collection', 1, { elements: elements.map((value) => ({ value })) }),
          operator('fold', 'reduce', 2, { fn: '(acc, r) => ({ k: acc.k, total: acc.total + r.total })' }),
          operator('out', 'sink.collect', 1),
        ],
        [edge('src', 'fold', 'hash', 'r => r.k'), edge('fold', 'out', 'rebalance')],
      ),
    );
    const out = details.sinks.out as { k: string; total: number }[];
    expect(out.filter((r) => r.k === 'a').map((r) => r.total)).toEqual([1, 3, 6]);
    expect(out.filter((r) => r.k === 'b').map((r) => r.total)).toEqual([10, 30]);
  });

  it('union merges both inputs, every record once', async () => {
    const details = await runToCompletion(
      cluster,
      jobGraph(
        'union',
        [
          operator('letters', 'source.collection', 1, { elements: [{ value: 'a' }, { value: 'b' }] }),
          operator('numbers', 'source.sequence', 2, { from: 1, to: 6 }),
          operator('both', 'union', 2),
          operator('out', 'sink.collect', 1),
        ],
        [edge('letters', 'both', 'rebalance'), edge('numbers', 'both'), edge('both', 'out', 'rebalance')],
      ),
    );
    expect(multiset(details.sinks.out!)).toEqual(multiset(['a', 'b', 1, 2, 3, 4, 5, 6]));
  });

  it('sink.print writes "subtask> value" lines, as Flink prints with parallelism > 1', async () => {
    const job = cluster.submitJob(
      jobGraph(
        'print',
        [operator('src', 'source.sequence', 1, { from: 1, to: 8 }), operator('show', 'sink.print', 2)],
        [edge('src', 'show', 'rebalance')],
      ),
    );
    expect((await job.whenTerminal()).status).toBe('FINISHED');
    const lines = recorder.of('sink.print', job.jobId);
    expect(lines.every((event) => event.operatorId === 'show' && /^[12]> \d+$/.test(event.line))).toBe(true);
    expect(lines.map((event) => Number(event.line.split('> ')[1])).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it('sink.discard consumes every record; the final metrics count them', async () => {
    const details = await runToCompletion(
      cluster,
      jobGraph(
        'discard',
        [operator('src', 'source.sequence', 2, { from: 1, to: 1000 }), operator('drop', 'sink.discard', 1)],
        [edge('src', 'drop', 'rebalance')],
      ),
    );
    expect(details.sinks).toEqual({});
    expect(details.subtasks.every((subtask) => subtask.state === 'FINISHED')).toBe(true);
    expect(details.subtasks.find((subtask) => subtask.vertexId === 'drop')?.recordsIn).toBe(1000);
    expect(
      details.subtasks.filter((subtask) => subtask.vertexId === 'src').reduce((sum, s) => sum + s.recordsOut, 0),
    ).toBe(1000);
  });
});
