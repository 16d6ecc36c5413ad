/**
 * The final checkpoint of a bounded job (§7 Checkpoints; Flink's FLIP-147): with checkpointing on, a source that
 * reached its end waits for a checkpoint whose barrier follows its end before the job finishes, so an
 * exactly-once sink commits everything. The coordinator triggers that checkpoint as soon as every source has
 * ended, not at the next interval: with a one-minute interval the job still finishes within seconds.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCluster } from '../src/index.js';

describe('final checkpoint (§7 Checkpoints)', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await LocalCluster.start({ taskManagers: 2, slotsPerTaskManager: 2 });
  });
  afterAll(async () => {
    await cluster.shutdown();
  });

  it('a bounded job with a 60 s interval ends within seconds, its exactly-once files committed in full', async () => {
    const base = mkdtempSync(join(tmpdir(), 'sluice-final-'));
    const outDir = join(base, 'out');
    const started = Date.now();
    const handle = cluster.submitJob({
      version: 1,
      name: 'bounded, checkpointed',
      config: { checkpointing: { intervalMs: 60_000, mode: 'EXACTLY_ONCE', storageDir: join(base, 'checkpoints') } },
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 5000 } },
        {
          id: 'files',
          kind: 'sink.file',
          parallelism: 2,
          params: { path: outDir, format: 'ndjson', exactlyOnce: true },
        },
      ],
      edges: [{ source: 'src', target: 'files', partitioner: 'rebalance' }],
    });
    const details = await handle.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expect(Date.now() - started).toBeLessThan(10_000);
    const committed = readdirSync(outDir)
      .filter((name) => /^part-\d+-\d+$/.test(name))
      .flatMap((name) => readFileSync(join(outDir, name), 'utf8').split('\n').filter(Boolean).map(Number));
    expect(committed.sort((a, b) => a - b)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(readdirSync(outDir).filter((name) => name.startsWith('.'))).toEqual([]);
    // One checkpoint, the final one: triggered when both sources had ended.
    expect(handle.checkpointStatistics().history.map((c) => c.status)).toEqual(['COMPLETED']);
  }, 30_000);
});
