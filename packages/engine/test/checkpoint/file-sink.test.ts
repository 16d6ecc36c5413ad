/**
 * sink.file's two-phase commit across a real restart on the in-process runner (§7 Checkpoints and recovery):
 * whatever moment the job is killed at, the committed files hold exactly the output of an uninterrupted run.
 * The TaskFileSystem is an in-memory double (memory-file-system.ts).
 */
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, it } from 'vitest';
import { assignRestoredState } from '../../src/checkpoint/index.js';
import { LocalExecution, localDeploymentDescriptors } from '../../src/local/local-execution.js';
import type { TaskDeploymentDescriptor } from '../../src/task/deployment.js';
import { MemoryFileSystem } from './memory-file-system.js';

const N = 400;

function job(exactlyOnce: boolean, checkpointing = true): JobGraph {
  return {
    version: 1,
    name: 'sum to files',
    config: {
      maxParallelism: 128,
      bufferSizeBytes: 256,
      ...(checkpointing && { checkpointing: { intervalMs: 1_000_000, mode: 'EXACTLY_ONCE' as const } }),
    },
    operators: [
      { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: N } },
      { id: 'kv', kind: 'map', parallelism: 1, params: { fn: '(n) => ({ key: n % 7, sum: n, count: 1 })' } },
      {
        id: 'agg',
        kind: 'reduce',
        parallelism: 2,
        params: { fn: '(a, v) => ({ key: a.key, sum: a.sum + v.sum, count: a.count + 1 })' },
      },
      { id: 'files', kind: 'sink.file', parallelism: 2, params: { path: '/out', format: 'ndjson', exactlyOnce } },
    ],
    edges: [
      { source: 'src', target: 'kv', partitioner: 'forward' },
      { source: 'kv', target: 'agg', partitioner: 'hash', key: '(r) => r.key' },
      { source: 'agg', target: 'files', partitioner: 'forward' },
    ],
  };
}

const descriptors = (jobGraph: JobGraph) => localDeploymentDescriptors(jobGraph, planExecutionGraph(jobGraph));

function runToEnd(tdds: TaskDeploymentDescriptor[], fileSystem: MemoryFileSystem, seed: number): void {
  const execution = new LocalExecution(tdds, { seed, fileSystem });
  execution.start();
  expect(execution.runToCompletion().status).toBe('FINISHED');
}

const uninterrupted = (exactlyOnce: boolean) => {
  const fs = new MemoryFileSystem();
  runToEnd(descriptors(job(exactlyOnce)), fs, 0);
  return fs.committedLines();
};

describe('sink.file exactlyOnce: two-phase commit (§7)', () => {
  it('an uninterrupted run commits every update once, one file per subtask and checkpoint, nothing hidden left behind', () => {
    const fs = new MemoryFileSystem();
    runToEnd(descriptors(job(true)), fs, 0);
    expect(fs.committedLines()).toHaveLength(N);
    expect([...fs.files.keys()].every((path) => /^\/out\/part-[01]-\d+$/.test(path))).toBe(true);
  });

  for (let run = 0; run < 10; run++) {
    it(`killed at a different moment (run ${run}): after the restart the committed files equal an uninterrupted run's output exactly`, () => {
      const expected = uninterrupted(true);
      const fs = new MemoryFileSystem();
      const tdds = descriptors(job(true));
      const first = new LocalExecution(tdds, { seed: run, fileSystem: fs });
      first.start();
      for (let i = 0; i < 5 + run * 3; i++) first.step();
      const id = first.triggerCheckpoint();
      while (!first.completedCheckpoints.some((c) => c.checkpointId === id)) expect(first.step()).toBe(true);
      // A second checkpoint that may or may not complete, then more records into in-progress files, then the kill.
      for (let i = 0; i < run; i++) first.step();
      first.triggerCheckpoint();
      for (let i = 0; i < (run % 4) * 5; i++) first.step();
      first.cancel();
      expect(fs.committedLines().length).toBeLessThan(N);

      const latest = first.completedCheckpoints.at(-1)!;
      runToEnd(assignRestoredState(descriptors(job(true)), latest.checkpointId, latest.subtasks), fs, run + 50);
      expect(fs.committedLines()).toEqual(expected);
      expect([...fs.files.keys()].filter((path) => path.startsWith('/out/.'))).toEqual([]);
    });
  }

  it('without checkpointing, exactlyOnce commits at the end of input', () => {
    const fs = new MemoryFileSystem();
    runToEnd(descriptors(job(true, false)), fs, 0);
    expect(fs.committedLines()).toEqual(uninterrupted(true));
  });
});

describe('sink.file without exactlyOnce', () => {
  it('writes part files directly: a restart replays what came after the checkpoint, so nothing is lost but updates repeat', () => {
    const fs = new MemoryFileSystem();
    const first = new LocalExecution(descriptors(job(false)), { seed: 3, fileSystem: fs });
    first.start();
    for (let i = 0; i < 10; i++) first.step();
    const id = first.triggerCheckpoint();
    while (!first.completedCheckpoints.some((c) => c.checkpointId === id)) first.step();
    for (let i = 0; i < 40; i++) first.step();
    first.cancel();
    const latest = first.completedCheckpoints.at(-1)!;
    runToEnd(assignRestoredState(descriptors(job(false)), latest.checkpointId, latest.subtasks), fs, 4);
    const lines = fs.committedLines();
    const expected = uninterrupted(false);
    expect(new Set(lines)).toEqual(new Set(expected));
    expect(lines.length).toBeGreaterThan(expected.length);
  });

  it('refuses to run where the host has no file system', () => {
    const execution = new LocalExecution(descriptors(job(false)));
    execution.start();
    expect(execution.runToCompletion().failure?.message).toBe(
      'operator "files": sink.file writes files, which only a TaskManager can; this host has no file system',
    );
  });
});
