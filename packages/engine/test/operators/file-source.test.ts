/**
 * source.file (design.md Contract 1): a file's lines become records, split between the source's subtasks like a
 * collection's elements, with the read position in operator state so a restore resumes exactly (§7 Checkpoints).
 */
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { describe, expect, it } from 'vitest';
import { assignRestoredState } from '../../src/checkpoint/index.js';
import { LocalExecution, localDeploymentDescriptors } from '../../src/local/local-execution.js';
import { MemoryFileSystem } from '../checkpoint/memory-file-system.js';

function fileJob(format: 'ndjson' | 'text', sourceParallelism: number, checkpointing = false): JobGraph {
  return {
    version: 1,
    name: 'read a file',
    config: {
      maxParallelism: 128,
      bufferSizeBytes: 256,
      ...(checkpointing && { checkpointing: { intervalMs: 1_000_000, mode: 'EXACTLY_ONCE' as const } }),
    },
    operators: [
      { id: 'in', kind: 'source.file', parallelism: sourceParallelism, params: { path: '/data/in', format } },
      { id: 'out', kind: 'sink.collect', parallelism: 1, params: {} },
    ],
    edges: [{ source: 'in', target: 'out', partitioner: 'rebalance' }],
  };
}

function run(jobGraph: JobGraph, fs: MemoryFileSystem, seed = 0) {
  const execution = new LocalExecution(localDeploymentDescriptors(jobGraph, planExecutionGraph(jobGraph)), {
    seed,
    fileSystem: fs,
  });
  execution.start();
  return execution.runToCompletion();
}

const withFile = (data: string) => {
  const fs = new MemoryFileSystem();
  fs.writeFile('/data/in', data);
  return fs;
};

const sorted = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();

describe('source.file', () => {
  it('ndjson: one JSON value per non-blank line, each exactly once over three subtasks', () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ n: i, word: `w${i % 4}` }));
    const result = run(
      fileJob('ndjson', 3),
      withFile(`${lines.slice(0, 20).join('\n')}\n\n  \n${lines.slice(20).join('\r\n')}\n`),
    );
    expect(result.status).toBe('FINISHED');
    expect(sorted(result.sinks.out!)).toEqual(sorted(lines.map((line) => JSON.parse(line))));
  });

  it('text: one string per line, empty lines included, no line endings, nothing after the last newline', () => {
    const result = run(fileJob('text', 2), withFile('to be\n\nor not\r\nto be\n'));
    expect(result.status).toBe('FINISHED');
    expect([...result.sinks.out!].sort()).toEqual(['', 'or not', 'to be', 'to be']);
  });

  it('a missing file fails the task with the path and the reason', () => {
    const result = run(fileJob('text', 1), new MemoryFileSystem());
    expect(result.status).toBe('FAILED');
    expect(result.failure?.message).toContain('operator "in" params.path: cannot read /data/in: ENOENT');
  });

  it('a line that is not JSON fails the task naming the file and the line', () => {
    const result = run(fileJob('ndjson', 1), withFile('{"a":1}\n{"a":\n'));
    expect(result.status).toBe('FAILED');
    expect(result.failure?.message).toMatch(/^operator "in": \/data\/in line 2 is not JSON \(.+\): \{"a":$/);
  });

  it('restored from a checkpoint taken mid-file, the sources resume where they were: the exactly-once files hold each line once (§7)', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => String(i));
    const fs = withFile(lines.join('\n'));
    const jobGraph: JobGraph = {
      ...fileJob('text', 2, true),
      operators: [
        fileJob('text', 2).operators[0]!,
        { id: 'out', kind: 'sink.file', parallelism: 1, params: { path: '/out', format: 'ndjson', exactlyOnce: true } },
      ],
    };
    const descriptors = () => localDeploymentDescriptors(jobGraph, planExecutionGraph(jobGraph));
    const first = new LocalExecution(descriptors(), { seed: 7, fileSystem: fs });
    first.start();
    for (let i = 0; i < 4; i++) first.step();
    const id = first.triggerCheckpoint()!;
    while (!first.completedCheckpoints.some((c) => c.checkpointId === id)) expect(first.step()).toBe(true);
    for (let i = 0; i < 20; i++) first.step();
    first.cancel();
    const committedBefore = fs.committedLines().length;
    expect(committedBefore).toBeGreaterThan(0);
    expect(committedBefore).toBeLessThan(lines.length);

    const checkpoint = first.completedCheckpoints.at(-1)!;
    const restored = new LocalExecution(
      assignRestoredState(descriptors(), checkpoint.checkpointId, checkpoint.subtasks),
      { seed: 8, fileSystem: fs },
    );
    restored.start();
    expect(restored.runToCompletion().status).toBe('FINISHED');
    expect(
      fs
        .committedLines()
        .map((line) => Number(JSON.parse(line)))
        .sort((a, b) => a - b),
    ).toEqual(lines.map(Number));
  });
});
