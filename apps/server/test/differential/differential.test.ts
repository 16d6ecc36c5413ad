/**
 * Flink is the reference (issue 10): every built-in example and a generated corpus of JobGraphs run on Sluice's
 * local cluster and on Apache Flink through the Flink runner, and must give
 * - equal sink outputs: multisets, and per key in order behind a keyed operator (§3 Key groups, §6 Windows);
 * - equal plans: chains, parallelism, edges and slots required (§1 Chaining rules, §2 Required slots);
 * - equal routing: a map right behind a hash edge tags each record with its subtask index, so equal outputs mean
 *   every key went to the same subtask on both engines (§3 Key groups).
 *
 * DIFFERENTIAL_SEEDS=N runs N generated jobs (default 200), DIFFERENTIAL_SEED=S starts at seed S; job i is drawn
 * with seed S + i, so a failure printed as "seed 1234" replays alone with DIFFERENTIAL_SEED=1234 DIFFERENTIAL_SEEDS=1.
 * Deliberate differences are listed in docs/semantics-differences.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, validateJobGraph, type JobGraph } from '@sluice/model';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { findJdk, NO_JDK } from '../../../../scripts/lib/java.mjs';
import { sinkDifferences } from './compare-outputs.js';
import { planDifferences } from './compare-plans.js';
import { FlinkEngine } from './flink-engine.js';
import { generatedJob, type GeneratedJob, type SinkCheck } from './job-generator.js';
import { SluiceEngine, type EngineResult } from './sluice-engine.js';

const SEEDS = Number(process.env.DIFFERENTIAL_SEEDS ?? 200);
const FIRST_SEED = Number(process.env.DIFFERENTIAL_SEED ?? 1);
/** Jobs the local cluster runs at once (sluice-engine.ts gives it the slots for two of the largest). */
const SLUICE_CONCURRENCY = 2;
/** How long shrinking a failing job may take: every step runs it on both engines, a JVM start each. */
const SHRINK_TIME_LIMIT_MS = 120_000;

const jdk = findJdk() as { java: string } | null;
if (!jdk) console.log(NO_JDK);

interface Case {
  label: string;
  jobGraph: JobGraph;
  checks: SinkCheck[];
}

interface Outcome {
  sluice: EngineResult;
  flink: EngineResult;
  differences: string[];
}

const exampleCases: Case[] = EXAMPLES.map(({ id, jobGraph, expectedSinkRecords }) => ({
  label: `example ${id}`,
  jobGraph,
  checks: Object.keys(expectedSinkRecords).map((sinkId) => ({ sinkId })),
}));

/** Run in the same batch as the corpus, so the JVM starts once. */
const nullKeyCase: Case = {
  label: 'null key',
  jobGraph: {
    version: 1,
    name: 'null key',
    operators: [
      { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: { k: null, v: 1 } }] } },
      { id: 'total', kind: 'sum', parallelism: 2, params: { field: 'v' } },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'total', partitioner: 'hash', key: '(r) => r.k' },
      { source: 'total', target: 'out' },
    ],
  },
  checks: [],
};

const seedOf = (i: number): number => FIRST_SEED + i;
const drawn = (seed: number): GeneratedJob => fc.sample(generatedJob, { seed, numRuns: 1 })[0]!;
const corpusCases: Case[] = Array.from({ length: SEEDS }, (_, i) => ({
  label: `seed ${seedOf(i)}`,
  ...drawn(seedOf(i)),
}));

describe.skipIf(!jdk)('differential: Sluice against Apache Flink', () => {
  let sluice: SluiceEngine;
  let flink: FlinkEngine;
  let workDir: string;
  let exampleOutcomes: Promise<Map<string, Outcome>>;
  let corpusOutcomes: Promise<Map<string, Outcome>>;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'sluice-differential-'));
    flink = await FlinkEngine.build(jdk!.java, join(workDir, 'runner'));
    sluice = await SluiceEngine.start();
    // The examples first, in a batch of their own, so their tests report before the corpus is through.
    exampleOutcomes = runBoth([...exampleCases, nullKeyCase], sluice, flink, join(workDir, 'examples'));
    corpusOutcomes = exampleOutcomes.then(() => runBoth(corpusCases, sluice, flink, join(workDir, 'corpus')));
    // Awaited by the tests; a rejection here would otherwise surface as unhandled before they run.
    corpusOutcomes.catch(() => undefined);
  }, 600_000);

  afterAll(async () => {
    await sluice?.shutdown();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it.each(exampleCases.map((c) => [c.label, c] as const))(
    '%s: equal sink outputs and plans',
    async (label) => {
      const outcome = (await exampleOutcomes).get(label)!;
      expect(outcome.differences).toEqual([]);
    },
    // Long: on a machine shared with other work, the examples' batch alone has taken minutes.
    1_200_000,
  );

  it(`${SEEDS} generated JobGraphs: equal outputs, plans and key routing`, async () => {
    const results = await corpusOutcomes;
    const failing = corpusCases.filter((c) => results.get(c.label)!.differences.length > 0);
    const report = failing.map((c) => `${c.label}:\n  ${results.get(c.label)!.differences.join('\n  ')}`);
    if (failing.length > 0) {
      const first = failing[0]!;
      const shrunk = await shrink(Number(first.label.split(' ')[1]), sluice, flink, join(workDir, 'shrink'));
      console.log(
        `${failing.length} of ${SEEDS} generated jobs differ:\n${report.join('\n')}\n\n` +
          `${first.label} shrunk to (replay: DIFFERENTIAL_SEED=${first.label.split(' ')[1]} DIFFERENTIAL_SEEDS=1):\n` +
          JSON.stringify(shrunk, null, 2),
      );
    }
    expect(report).toEqual([]);
  }, 1_800_000);

  it("§3 Key groups: a null key fails the job on both engines with Flink's message", async () => {
    const { sluice: ours, flink: theirs } = (await exampleOutcomes).get(nullKeyCase.label)!;
    expect([ours.status, theirs.status]).toEqual(['FAILED', 'FAILED']);
    expect(ours.failure).toContain('Assigned key must not be null!');
    expect(theirs.failure).toContain('Assigned key must not be null!');
  });

  it("§6 Windows: a window on a non-keyed stream at parallelism 2 is refused by both (Flink's windowAll)", async () => {
    const jobGraph: JobGraph = {
      version: 1,
      name: 'windowAll at parallelism 2',
      operators: [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 1, timestamp: 1 }] } },
        {
          id: 'win',
          kind: 'window',
          parallelism: 2,
          params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { count: true } },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'win', partitioner: 'rebalance' },
        { source: 'win', target: 'out' },
      ],
    };
    expect(validateJobGraph(jobGraph).problems.map((p) => p.path)).toEqual(['$.operators[1].parallelism']);
    const [plan] = await flink.planBatch([jobGraph], join(workDir, 'window-all'));
    expect(plan).toBeInstanceOf(Error);
  }, 300_000);
});

/** Both engines over all cases: Flink in one JVM in the background while the local cluster works through them. */
async function runBoth(
  cases: Case[],
  sluice: SluiceEngine,
  flink: FlinkEngine,
  dir: string,
): Promise<Map<string, Outcome>> {
  const jobs = cases.map((c) => c.jobGraph);
  const flinkRuns = flink.runBatch(jobs, join(dir, 'run'));
  const flinkPlans = flinkRuns.then(() => flink.planBatch(jobs, join(dir, 'plan')));
  const sluiceRuns = await mapConcurrently(jobs, SLUICE_CONCURRENCY, (job) => sluice.run(job));
  const [flinkResults, plans] = [await flinkRuns, await flinkPlans];
  return new Map(
    cases.map((c, i) => {
      const ours = sluiceRuns[i]!;
      const theirs = flinkResults[i]!;
      const plan = plans[i]!;
      return [c.label, { sluice: ours, flink: theirs, differences: differencesOf(c, sluice, ours, theirs, plan) }];
    }),
  );
}

function differencesOf(
  c: Case,
  sluice: SluiceEngine,
  ours: EngineResult,
  theirs: EngineResult,
  plan: Awaited<ReturnType<FlinkEngine['planBatch']>>[number],
): string[] {
  const differences: string[] = [];
  if (ours.status !== theirs.status || ours.status !== 'FINISHED')
    differences.push(
      `status: ${ours.status} on Sluice${ours.failure ? ` (${ours.failure})` : ''}, ${theirs.status} on Flink${theirs.failure ? ` (${theirs.failure})` : ''}`,
    );
  else differences.push(...sinkDifferences(c.checks, ours.sinks, theirs.sinks));
  if (plan instanceof Error) differences.push(`Flink refused to plan it: ${plan.message}`);
  else differences.push(...planDifferences(sluice.plan(c.jobGraph), plan));
  return differences;
}

/** fast-check's shrinking of one failing seed, on both engines; the smallest JobGraph still differing. */
async function shrink(seed: number, sluice: SluiceEngine, flink: FlinkEngine, dir: string): Promise<JobGraph> {
  let attempt = 0;
  const result = await fc.check(
    fc.asyncProperty(generatedJob, async (job) => {
      const c = { label: 'shrinking', ...job };
      const outcome = (await runBoth([c], sluice, flink, join(dir, String(attempt++)))).get('shrinking')!;
      return outcome.differences.length === 0;
    }),
    { seed, numRuns: 1, interruptAfterTimeLimit: SHRINK_TIME_LIMIT_MS, markInterruptAsFailure: false },
  );
  return result.counterexample?.[0].jobGraph ?? drawn(seed).jobGraph;
}

async function mapConcurrently<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
