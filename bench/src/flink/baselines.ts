/**
 * The Flink baselines, measured on the same machine in the same bench run. `flink-java`: the bench's jobs written
 * natively in Java against Flink's DataStream API (bench/flink), no JavaScript engine. `flink-runner`: the Sluice
 * side's very JobGraph translated by the Flink runner (runners/flink), JS functions and JSON records included. Both
 * run in a JVM of their own on a Flink MiniCluster of the job's shape (Flink 2.2.1, the runner's): a warm-up run,
 * then the measured ones, split into deployment and run from Flink's own execution graph. The JVM checks every run's
 * result (the exact sum, every record counted) and exits non-zero on a wrong one, which fails the benchmark. Where no
 * JDK 17+ or Maven is installed the baselines are left out.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { JobGraph } from '@sluice/model';
import { findJdk, missingForFlink, NO_JDK } from '../../../scripts/lib/java.mjs';
import { ensureMavenModule } from '../../../scripts/lib/maven.mjs';
import { median } from '../measure/timing.js';
import type { BaselineResult } from '../report/results.js';

/** `chained`, `keyed-cross-taskmanager` and `deploy-100-tasks` as bench/flink names them. */
export type FlinkJob = 'chained' | 'keyed' | 'deploy';

export interface FlinkRun {
  /** Submission (the JobGraph compiled from the StreamGraph included) until every subtask is RUNNING. */
  deploySeconds: number;
  /** Every subtask RUNNING until the job is FINISHED, from Flink's execution graph timestamps. */
  runSeconds: number;
  /** The figure the JVM checked: the sum, the records counted, the tasks deployed. */
  checked: number;
}

/**
 * The runner's JS functions run in GraalJS's interpreter on a stock JDK, two orders of magnitude slower than the
 * native job: it gets a tenth of the records (a rate over a million records is still a steady-state one).
 */
const RUNNER_SHARE = 10;

/** Why the Flink baselines cannot run here, for the log; null when they can. */
export function flinkUnavailable(): string | null {
  const missing = missingForFlink();
  return missing ? `${NO_JDK} (${missing})` : null;
}

const classpathOf = ({ jar, classpathFile }: { jar: string; classpathFile: string }): string =>
  `${jar}:${readFileSync(classpathFile, 'utf8').trim()}`;

/**
 * The measured runs of `job` over `records` records: the native job, or with `jobGraph` that JobGraph through the
 * runner. The caller checks flinkUnavailable() first.
 */
export async function runOnFlink(
  job: FlinkJob,
  records: number,
  runs: number,
  jobGraph?: JobGraph,
): Promise<FlinkRun[]> {
  const jdk = findJdk();
  if (!jdk) throw new Error(`${flinkUnavailable()}`);
  // bench/flink compiles against the runner's jar, so the runner is built first.
  const runner = ensureMavenModule('runners/flink', 'sluice-flink-runner.jar');
  const bench = ensureMavenModule('bench/flink', 'sluice-bench-flink.jar');
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-flink-'));
  const args = [
    '-Xmx1g',
    '-cp',
    `${classpathOf(bench)}:${classpathOf(runner)}`,
    'dev.sluice.bench.flink.FlinkBaselines',
  ];
  args.push(job, String(records), String(runs));
  if (jobGraph) {
    args.push(join(dir, 'job.json'));
    writeFileSync(join(dir, 'job.json'), JSON.stringify(jobGraph));
  }
  const name = `${jobGraph ? 'flink-runner' : 'flink-java'} ${job}`;
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(jdk.java, args, { maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${name} failed: ${stderr?.trim() || String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const measured = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as FlinkRun);
  if (measured.length !== runs) throw new Error(`${name} printed ${measured.length} runs, expected ${runs}`);
  return measured;
}

/**
 * `flink-java` and `flink-runner` records/s of a job (median over the runs' run phases, as the Sluice side takes its
 * rate on a running job), or none (logged) where Flink cannot run here.
 */
export async function flinkThroughputs(
  job: FlinkJob,
  records: number,
  runs: number,
  jobGraph: JobGraph,
  log: (line: string) => void,
): Promise<Record<string, BaselineResult>> {
  const unavailable = flinkUnavailable();
  if (unavailable) {
    log(`${job}: Flink baselines ${unavailable}`);
    return {};
  }
  const baselines: Record<string, BaselineResult> = {};
  const runnerRecords = Math.max(1000, Math.round(records / RUNNER_SHARE));
  for (const [name, n, graph] of [
    ['flink-java', records, undefined],
    ['flink-runner', runnerRecords, jobGraph],
  ] as const) {
    const measured = await runOnFlink(job, n, runs, graph);
    const recordsPerSecond = median(measured.map((run) => n / run.runSeconds));
    const deploySeconds = median(measured.map((run) => run.deploySeconds));
    log(
      `${job}: ${name} ${Math.round(recordsPerSecond)} records/s over ${n} (deployment ${deploySeconds.toFixed(2)} s)`,
    );
    baselines[name] = { recordsPerSecond };
  }
  return baselines;
}
