/**
 * The exception history stays bounded under a restart loop (issue 11): as Flink's web.exception-history-size,
 * the 16 latest entries are kept and the older ones counted (§7 Restart strategies).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../src/index.js';
import { edge, jobGraph, operator } from './harness.js';

let cluster: LocalCluster;
beforeAll(async () => {
  cluster = await LocalCluster.start({ taskManagers: 1, slotsPerTaskManager: 1 });
});
afterAll(() => cluster?.shutdown());

describe('the exception history', () => {
  it('keeps the 16 latest of 21 failures, newest first, and counts the 5 dropped', async () => {
    const graph = {
      ...jobGraph(
        'always failing',
        [
          operator('src', 'source.collection', 1, { elements: [{ value: 1 }] }),
          operator('boom', 'map', 1, { fn: '(v, ctx) => { throw new Error(`attempt ${ctx.attemptNumber}`); }' }),
          operator('out', 'sink.discard', 1),
        ],
        [edge('src', 'boom'), edge('boom', 'out')],
      ),
      config: { restartStrategy: { type: 'fixed-delay' as const, attempts: 20, delayMs: 0 } },
    };
    const job = cluster.submitJob(graph);
    expect((await job.whenTerminal()).status).toBe('FAILED');
    const { restarts, entries, droppedEntries } = job.exceptions();
    expect(restarts).toBe(20);
    expect(droppedEntries).toBe(5);
    expect(entries.map((entry) => entry.message)).toEqual(Array.from({ length: 16 }, (_, i) => `attempt ${20 - i}`));
  });
});
