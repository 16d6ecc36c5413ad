/**
 * The Flink side of the differential suite: the Flink runner (runners/flink) run over a whole batch of JobGraphs in
 * one JVM, so the JVM and the MiniCluster start once for the corpus rather than once per job. Each job's collect
 * sinks come back as files, DIR/<sink id>.ndjson, exactly as `sluice run --output DIR` writes them.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { JobGraph } from '@sluice/model';
import type { CliPlan } from '@sluice/planner';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { ensureMavenModule } from '../../../../scripts/lib/maven.mjs';
import type { SinkRecords } from './compare-outputs.js';
import type { EngineResult } from './sluice-engine.js';

/** One MiniCluster shape for the whole batch, with enough slots for any generated job (§2 Required slots). */
const TASK_MANAGERS = 2;
const SLOTS_PER_TASKMANAGER = 8;

interface RunSummary {
  job: string;
  status: string;
  sinks?: Record<string, { file: string | null }>;
  failure?: { message?: string } | null;
}

export class FlinkEngine {
  private constructor(
    private readonly classpath: string,
    private readonly java: string,
  ) {}

  /**
   * Builds the runner with Maven when its sources changed (dependencies come from ~/.m2 after the first build), and
   * runs a copy of its jar from `dir`: a rebuild of the runner during the suite must not pull classes from under a
   * running JVM.
   */
  static async build(java: string, dir: string): Promise<FlinkEngine> {
    const { jar, classpathFile } = ensureMavenModule('runners/flink', 'sluice-flink-runner.jar') as {
      jar: string;
      classpathFile: string;
    };
    await mkdir(dir, { recursive: true });
    const copy = join(dir, 'sluice-flink-runner.jar');
    await copyFile(jar, copy);
    const dependencies = (await readFile(classpathFile, 'utf8')).trim();
    return new FlinkEngine(`${copy}:${dependencies}`, java);
  }

  /** Runs every job in one JVM; results in the jobs' order. `dir` receives the job files and sink outputs. */
  async runBatch(jobs: JobGraph[], dir: string): Promise<EngineResult[]> {
    const paths = await writeJobs(jobs, dir);
    const entries = paths.map((job, i) => ({
      job,
      output: join(dir, `out-${i}`),
      taskmanagers: TASK_MANAGERS,
      slotsPerTaskManager: SLOTS_PER_TASKMANAGER,
    }));
    const batchFile = join(dir, 'run-batch.json');
    await writeFile(batchFile, JSON.stringify(entries));
    const summaries = new Map<string, RunSummary>();
    const { lines, stderr } = await this.main('run-batch', batchFile);
    for (const line of lines) {
      const summary = JSON.parse(line) as RunSummary;
      summaries.set(summary.job, summary);
    }
    return Promise.all(paths.map(async (path) => resultOf(path, summaries.get(path), stderr)));
  }

  /** Flink's own JobGraph of every job, in `sluice plan`'s shape; an Error where Flink refused the job. */
  async planBatch(jobs: JobGraph[], dir: string): Promise<(CliPlan | Error)[]> {
    const paths = await writeJobs(jobs, dir);
    const batchFile = join(dir, 'plan-batch.json');
    await writeFile(batchFile, JSON.stringify(paths.map((job) => ({ job }))));
    const plans = new Map<string, CliPlan | Error>();
    for (const line of (await this.main('plan-batch', batchFile)).lines) {
      const entry = JSON.parse(line) as { job: string; plan?: CliPlan; error?: string };
      plans.set(entry.job, entry.plan ?? new Error(entry.error ?? 'no plan'));
    }
    return paths.map((path) => plans.get(path) ?? new Error(`the runner printed no plan for ${path}`));
  }

  /** The runner's stdout lines, and the end of its stderr (Flink's chatter) for when a summary is missing. */
  private main(command: string, batchFile: string): Promise<{ lines: string[]; stderr: string }> {
    const jvm = spawn(this.java, ['-cp', this.classpath, 'dev.sluice.flink.Main', command, batchFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    createInterface({ input: jvm.stdout }).on('line', (line) => lines.push(line));
    jvm.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    return new Promise((resolve, reject) => {
      jvm.on('error', reject);
      // Exit code 1 only says some job did not finish; each job's summary says which.
      jvm.on('close', (code) =>
        code === 0 || code === 1
          ? resolve({ lines, stderr })
          : reject(new Error(`the Flink runner's ${command} exited with ${code}: ${stderr}`)),
      );
    });
  }
}

async function writeJobs(jobs: JobGraph[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    jobs.map(async (job, i) => {
      const path = join(dir, `job-${i}.json`);
      await writeFile(path, JSON.stringify(job));
      return path;
    }),
  );
}

async function resultOf(path: string, summary: RunSummary | undefined, stderr: string): Promise<EngineResult> {
  if (summary === undefined)
    return {
      status: 'FAILED',
      sinks: {},
      failure: `the runner printed no summary for ${path}; its stderr ended: ${stderr}`,
    };
  const sinks: SinkRecords = {};
  for (const [sinkId, { file }] of Object.entries(summary.sinks ?? {})) {
    const text = file === null ? '' : await readFile(file, 'utf8');
    sinks[sinkId] = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
  if (summary.status === 'FINISHED') return { status: 'FINISHED', sinks };
  return { status: 'FAILED', sinks, failure: summary.failure?.message ?? summary.status };
}
