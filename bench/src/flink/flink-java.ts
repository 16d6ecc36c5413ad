/**
 * The `flink-java` baselines: the bench's jobs written natively in Java against Flink's DataStream API (bench/flink,
 * a Maven module on the Flink the runner uses), each run in a JVM of its own on a Flink MiniCluster: a warm-up run,
 * then the measured ones. The JVM checks every run's result (the exact sum, every record counted) and exits non-zero
 * on a wrong one, which fails the benchmark. Where no JDK 17+ or Maven is installed the baselines are left out.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { findJdk, missingForFlink, NO_JDK } from '../../../scripts/lib/java.mjs';
import { ensureMavenModule } from '../../../scripts/lib/maven.mjs';
import { median } from '../measure/timing.js';
import type { BaselineResult } from '../report/results.js';

/** `chained`, `keyed-cross-taskmanager` and `deploy-100-tasks` as bench/flink names them. */
export type FlinkJavaJob = 'chained' | 'keyed' | 'deploy';

export interface FlinkJavaRun {
  /** Submission (the JobGraph compiled from the StreamGraph included) until every subtask is RUNNING. */
  deploySeconds: number;
  /** Every subtask RUNNING until the job is FINISHED, from Flink's execution graph timestamps. */
  runSeconds: number;
  /** The figure the JVM checked: the sum, the records counted, the tasks deployed. */
  checked: number;
}

/** Why the Flink baselines cannot run here, for the log; null when they can. */
export function flinkUnavailable(): string | null {
  const missing = missingForFlink();
  return missing ? `${NO_JDK} (${missing})` : null;
}

/** The measured runs of `job` over `records` records; the caller checks flinkUnavailable() first. */
export async function runFlinkJava(job: FlinkJavaJob, records: number, runs: number): Promise<FlinkJavaRun[]> {
  const jdk = findJdk();
  if (!jdk) throw new Error(`${flinkUnavailable()}`);
  const { jar, classpathFile } = ensureMavenModule('bench/flink', 'sluice-bench-flink.jar');
  const classpath = `${jar}:${readFileSync(classpathFile, 'utf8').trim()}`;
  const args = [
    '-Xmx1g',
    '-cp',
    classpath,
    'dev.sluice.bench.flink.FlinkBaselines',
    job,
    String(records),
    String(runs),
  ];
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(jdk.java, args, { maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`flink-java ${job} failed: ${stderr?.trim() || String(error)}`);
  }
  const measured = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as FlinkJavaRun);
  if (measured.length !== runs) throw new Error(`flink-java ${job} printed ${measured.length} runs, expected ${runs}`);
  return measured;
}

/** The median rate over the measured runs' run phases: records/s as the Sluice side takes it on a running job. */
export async function flinkJavaThroughput(
  job: FlinkJavaJob,
  records: number,
  runs: number,
  log: (line: string) => void,
): Promise<BaselineResult | undefined> {
  const unavailable = flinkUnavailable();
  if (unavailable) {
    log(`${job}: flink-java ${unavailable}`);
    return undefined;
  }
  const measured = await runFlinkJava(job, records, runs);
  const recordsPerSecond = median(measured.map((run) => records / run.runSeconds));
  log(
    `${job}: flink-java ${Math.round(recordsPerSecond)} records/s (deployment ${median(measured.map((run) => run.deploySeconds)).toFixed(2)} s)`,
  );
  return { recordsPerSecond };
}
