/**
 * The Flink runner (runners/flink) on an embedded MiniCluster: every built-in example gives the sink records the
 * Sluice engine gives, Flink's own JobGraph equals `sluice plan` (§1 Operator chaining, §2 Slot sharing), keys land
 * on the subtask Sluice computes (§3 Partitioners: key groups of the Java hashCode), datagen emits Sluice's records,
 * a null key fails the job as in Flink, and a checkpointed job whose TaskManager is killed writes every record
 * exactly once through sink.file (§7 Checkpoints and recovery). The examples and the small jobs run as two batches,
 * one JVM each. Where no JDK is installed the file prints "skipped: no JDK".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datagenRecord, EXAMPLES, computeDefaultMaxParallelism, type JobGraph } from '@sluice/model';
import { assignKeyToParallelOperator, planExecutionGraph, toCliPlan, type CliPlan } from '@sluice/planner';
import { planOnFlinkBatch, runOnFlinkBatch, type FlinkRunSummary } from '../src/cli/flink/flink-batch.js';
import { FlinkUnavailableError, flinkRunnerJvm } from '../src/cli/flink/flink-runner-jvm.js';
import { cliRunner, multiset, tempDir, writeJobFile } from './harness.js';

const available = await flinkRunnerJvm().then(
  () => true,
  (error: unknown) => {
    if (error instanceof FlinkUnavailableError) return false;
    throw error;
  },
);
if (!available) console.log('skipped: no JDK');

const dir = tempDir('flink-runner');
const readNdjson = (file: string): unknown[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

/** The plan without vertex names: Flink names vertices after its operators ("Source: A -> B", "E: Writer"). */
const withoutNames = (plan: CliPlan) => ({ ...plan, vertices: plan.vertices.map(({ name: _name, ...v }) => v) });

describe.skipIf(!available)('the Flink runner', () => {
  describe('built-in examples', () => {
    const jobs = EXAMPLES.map((example) => ({
      example,
      path: writeJobFile(dir, `${example.id}.json`, example.jobGraph),
      output: join(dir, `out-${example.id}`),
    }));
    // One MiniCluster shape for all: 2 TaskManagers with the slots of the largest example (§2).
    const slots = Math.max(
      2,
      ...EXAMPLES.map((example) => Math.ceil(planExecutionGraph(example.jobGraph).slotsRequired / 2)),
    );
    let summaries: FlinkRunSummary[];

    beforeAll(async () => {
      summaries = await runOnFlinkBatch(
        jobs.map(({ path, output }) => ({ job: path, output, taskmanagers: 2, slotsPerTaskManager: slots })),
      );
    }, 600_000);

    it.each(jobs.map((job, index) => ({ ...job, index, id: job.example.id })))(
      '$id gives the records the Sluice engine gives',
      ({ example, index, output }) => {
        const summary = summaries[index]!;
        expect(summary.failure).toBeNull();
        expect(summary.status).toBe('FINISHED');
        for (const [sinkId, expected] of Object.entries(example.expectedSinkRecords)) {
          expect(multiset(readNdjson(join(output, `${sinkId}.ndjson`))), sinkId).toEqual(multiset(expected));
        }
      },
    );

    it("Flink's JobGraph equals sluice plan on every example: chains, parallelism, edges, slots (§1, §2)", async () => {
      const plans = await planOnFlinkBatch(jobs.map(({ path }) => path));
      for (const [index, { example }] of jobs.entries()) {
        const flink = plans[index]!;
        if ('error' in flink) throw new Error(`${example.id}: ${flink.error}`);
        expect(withoutNames(flink.plan), example.id).toEqual(
          withoutNames(toCliPlan(planExecutionGraph(example.jobGraph))),
        );
      }
    }, 120_000);
  });

  describe('small jobs', () => {
    const KEYS: unknown[] = [
      'a',
      'hello',
      0,
      7,
      -5,
      2 ** 31,
      2 ** 40,
      2 ** 53 + 2,
      1.5,
      true,
      ['a', 1],
      { b: 2, a: 1 },
    ];
    const routing: JobGraph = {
      version: 1,
      name: 'routing',
      operators: [
        {
          id: 'keys',
          kind: 'source.collection',
          parallelism: 1,
          params: { elements: KEYS.map((key) => ({ value: { key } })) },
        },
        { id: 'tag', kind: 'map', parallelism: 3, params: { fn: '(r, ctx) => ({ ...r, subtask: ctx.subtaskIndex })' } },
        { id: 'tagged', kind: 'sink.collect', parallelism: 3 },
      ],
      edges: [
        { source: 'keys', target: 'tag', partitioner: 'hash', key: 'r => r.key' },
        { source: 'tag', target: 'tagged' },
      ],
    };
    const DATAGEN = { count: 500, keys: 7, maxOutOfOrdernessMs: 20, seed: 42, keySkew: 0.3 };
    const datagen: JobGraph = {
      version: 1,
      name: 'datagen',
      operators: [
        { id: 'gen', kind: 'source.datagen', parallelism: 2, params: DATAGEN },
        { id: 'records', kind: 'sink.collect', parallelism: 2 },
      ],
      edges: [{ source: 'gen', target: 'records' }],
    };
    const nullKey: JobGraph = {
      version: 1,
      name: 'null key',
      operators: [
        { id: 'numbers', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 3 } },
        { id: 'sum', kind: 'sum', parallelism: 1 },
        { id: 'sums', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'numbers', target: 'sum', partitioner: 'hash', key: 'n => (n === 2 ? null : n)' },
        { source: 'sum', target: 'sums' },
      ],
    };
    const paths = {
      routing: writeJobFile(dir, 'routing.json', routing),
      datagen: writeJobFile(dir, 'datagen.json', datagen),
      nullKey: writeJobFile(dir, 'null-key.json', nullKey),
    };
    let summaries: Record<keyof typeof paths, FlinkRunSummary>;

    beforeAll(async () => {
      const names = Object.keys(paths) as (keyof typeof paths)[];
      const results = await runOnFlinkBatch(
        names.map((name) => ({ job: paths[name], output: join(dir, `out-${name}`), slotsPerTaskManager: 3 })),
      );
      summaries = Object.fromEntries(names.map((name, i) => [name, results[i]!])) as typeof summaries;
    }, 300_000);

    it('routes every key to the subtask Sluice computes from its Java hashCode (§3)', () => {
      expect(summaries.routing.status).toBe('FINISHED');
      const tagged = readNdjson(join(dir, 'out-routing', 'tagged.ndjson')) as { key: unknown; subtask: number }[];
      expect(tagged).toHaveLength(KEYS.length);
      const maxParallelism = computeDefaultMaxParallelism(3);
      for (const { key, subtask } of tagged)
        expect(subtask, JSON.stringify(key)).toBe(assignKeyToParallelOperator(key, maxParallelism, 3));
    });

    it("source.datagen emits the records of Sluice's datagen for the same seed, each once", () => {
      expect(summaries.datagen.status).toBe('FINISHED');
      const expected = Array.from({ length: DATAGEN.count }, (_, n) => datagenRecord(DATAGEN, n));
      expect(multiset(readNdjson(join(dir, 'out-datagen', 'records.ndjson')))).toEqual(multiset(expected));
    });

    it('a null key fails the job as Flink does', () => {
      expect(summaries.nullKey.status).toBe('FAILED');
      expect(summaries.nullKey.failure?.message).toContain('Assigned key must not be null!');
    });
  });

  it('sluice run --engine flink --kill-taskmanager-after: restarted, sink.file has every record once (§7)', async () => {
    const out = join(dir, 'exactly-once');
    const job: JobGraph = {
      version: 1,
      name: 'exactly once',
      config: {
        checkpointing: { intervalMs: 200, mode: 'EXACTLY_ONCE' },
        restartStrategy: { type: 'fixed-delay', attempts: 5, delayMs: 0 },
      },
      operators: [
        // 2 000 records at 500/s: the sources run for 4 s at least once the job is RUNNING, so the kill 3 s after
        // RUNNING always lands mid-run (usually after a checkpoint completed, which the restart restores).
        {
          id: 'numbers',
          kind: 'source.sequence',
          parallelism: 2,
          params: { from: 1, to: 2000, ratePerSecond: 500 },
        },
        { id: 'square', kind: 'map', parallelism: 2, params: { fn: '(n) => n * n' } },
        { id: 'file', kind: 'sink.file', parallelism: 2, params: { path: out, format: 'ndjson', exactlyOnce: true } },
      ],
      edges: [
        { source: 'numbers', target: 'square' },
        { source: 'square', target: 'file' },
      ],
    };
    const path = writeJobFile(dir, 'exactly-once.json', job);
    // One slot per TaskManager: each runs one of the two subtasks, so the one killed runs part of the job.
    const run = await cliRunner(300_000)(
      'run',
      path,
      '--engine',
      'flink',
      '--taskmanagers',
      '2',
      '--slots-per-taskmanager',
      '1',
      '--kill-taskmanager-after',
      '3000',
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as FlinkRunSummary;
    expect(summary.status).toBe('FINISHED');
    expect(summary.killedTaskManager).toEqual({ index: 0 });
    expect(summary.restarts).toBeGreaterThanOrEqual(1);
    const committed = readdirSync(out).filter((name) => !name.startsWith('.'));
    const lines = committed.flatMap((name) => readNdjson(join(out, name)));
    expect(multiset(lines)).toEqual(multiset(Array.from({ length: 2000 }, (_, i) => (i + 1) ** 2)));
  }, 300_000);
});
