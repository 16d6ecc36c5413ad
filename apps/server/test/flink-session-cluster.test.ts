/**
 * `sluice run --engine flink --flink-url URL` against a real standalone Flink session cluster: Flink's own
 * JobManager and TaskManager JVMs as `pnpm flink-cluster start` runs them (scripts/lib/flink-cluster), one cluster
 * for the file. A built-in example gives the very sink output the Sluice engine gives, and a checkpointed job whose
 * TaskManager JVM is SIGKILLed mid-run is restarted by Flink and writes every record exactly once (§7 Recovery).
 * Where no JDK is installed the suite prints "skipped: no JDK" and is skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { startFlinkCluster } from '../../../scripts/lib/flink-cluster/cluster.mjs';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { findJdk, NO_JDK } from '../../../scripts/lib/java.mjs';
import { cliRunner, multiset, tempDir, until, writeJobFile } from './harness.js';
import { keyedSum, runningSums } from './keyed-sum-job.js';

interface FlinkCluster {
  restUrl: string;
  taskManagers: { id: string; pid: number }[];
  stop(): Promise<number[]>;
}

const jdk = findJdk() as unknown;
if (!jdk) console.log(NO_JDK);

const sluice = cliRunner(240_000);
const dir = tempDir('flink-session-cluster');
const readNdjson = (file: string): unknown[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

async function flinkRest<T>(restUrl: string, path: string): Promise<T> {
  const response = await fetch(`${restUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

describe.skipIf(!jdk)('sluice run --engine flink --flink-url, on a standalone Flink session cluster', () => {
  let cluster: FlinkCluster;

  beforeAll(async () => {
    cluster = (await startFlinkCluster({
      taskManagers: 2,
      slots: 2,
      port: 0,
      dataDir: join(dir, 'cluster'),
    })) as FlinkCluster;
  }, 300_000);

  // SIGTERM, then SIGKILL after 15 s for a JVM that does not end: more than the project's 30 s hook timeout.
  afterAll(async () => {
    await cluster?.stop();
  }, 120_000);

  it('runs the wordcount example to the same sink output as the Sluice engine', async () => {
    const wordcount = exampleById('wordcount')!;
    const job = writeJobFile(dir, 'wordcount.json', wordcount.jobGraph);
    const onSluice = await sluice('run', job, '--output', join(dir, 'wordcount-sluice'));
    expect(onSluice.code, onSluice.stderr).toBe(0);
    const onFlink = await sluice(
      'run',
      job,
      '--engine',
      'flink',
      '--flink-url',
      cluster.restUrl,
      '--output',
      join(dir, 'wordcount-flink'),
    );
    expect(onFlink.code, onFlink.stderr).toBe(0);
    expect(JSON.parse(onFlink.stdout)).toMatchObject({ status: 'FINISHED', flinkUrl: cluster.restUrl });

    const flinkCounts = readNdjson(join(dir, 'wordcount-flink', 'counts.ndjson'));
    expect(multiset(flinkCounts)).toEqual(multiset(readNdjson(join(dir, 'wordcount-sluice', 'counts.ndjson'))));
    expect(multiset(flinkCounts)).toEqual(multiset(wordcount.expectedSinkRecords.counts!));
  }, 300_000);

  it('restarts a checkpointed job after a TaskManager JVM is SIGKILLed, sink.file output exactly once', async () => {
    // 20 s of input at 50/s: the kill comes early in the run, after the first completed checkpoint.
    const TO = 1000;
    const outDir = join(dir, 'exactly-once');
    const base = keyedSum({
      to: TO,
      ratePerSecond: 50,
      sumParallelism: 2,
      config: {
        checkpointing: { intervalMs: 500, mode: 'EXACTLY_ONCE' },
        // Until Flink declares the killed TaskManager lost, a restart may still be placed on its slots and fail.
        restartStrategy: { type: 'fixed-delay', attempts: 20, delayMs: 1000 },
      },
    });
    const jobGraph: JobGraph = {
      ...base,
      name: 'exactly once across a killed TaskManager',
      operators: base.operators.map((op) =>
        op.id === 'sums'
          ? {
              id: 'sums',
              kind: 'sink.file',
              parallelism: 1,
              params: { path: outDir, format: 'ndjson', exactlyOnce: true },
            }
          : op,
      ),
    };
    const run = sluice(
      'run',
      writeJobFile(dir, 'exactly-once.json', jobGraph),
      '--engine',
      'flink',
      '--flink-url',
      cluster.restUrl,
    );

    // Kill only once the job runs and a checkpoint completed, so the restart has state to restore.
    const jobId = await until(async () => {
      const { jobs } = await flinkRest<{ jobs: { jid: string; name: string; state: string }[] }>(
        cluster.restUrl,
        '/jobs/overview',
      );
      return jobs.find((j) => j.name === jobGraph.name && j.state === 'RUNNING')?.jid;
    }, 120_000);
    await until(async () => {
      const { counts } = await flinkRest<{ counts: { completed: number } }>(
        cluster.restUrl,
        `/jobs/${jobId}/checkpoints`,
      );
      return counts.completed >= 1 ? true : undefined;
    }, 60_000);
    const { vertices } = await flinkRest<{ vertices: { id: string; name: string }[] }>(
      cluster.restUrl,
      `/jobs/${jobId}`,
    );
    const hosts = await flinkRest<{ taskmanagers: { 'taskmanager-id': string }[] }>(
      cluster.restUrl,
      `/jobs/${jobId}/vertices/${vertices[0]!.id}/taskmanagers`,
    );
    const victim = cluster.taskManagers.find((tm) => tm.id === hosts.taskmanagers[0]!['taskmanager-id'])!;
    process.kill(victim.pid, 'SIGKILL');

    const outcome = await run;
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ status: 'FINISHED' });
    const { exceptionHistory } = await flinkRest<{ exceptionHistory: { entries: unknown[] } }>(
      cluster.restUrl,
      `/jobs/${jobId}/exceptions`,
    );
    expect(exceptionHistory.entries.length).toBeGreaterThanOrEqual(1);

    // Committed part files only: FileSink keeps in-progress and pending files hidden (a leading dot).
    const committed = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && !entry.name.startsWith('.'),
    );
    const records = committed.flatMap((entry) => readNdjson(join(entry.parentPath, entry.name)));
    expect(multiset(records)).toEqual(multiset(runningSums(TO)));
  }, 300_000);
});
