/**
 * Many jobs through one runner JVM (and one MiniCluster per TaskManager shape): what the differential suite uses,
 * since a JVM and a MiniCluster cost seconds to start. See runners/flink/README.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliPlan } from '@sluice/planner';
import { runFlinkRunner } from './flink-runner-jvm.js';

export interface FlinkRunJob {
  /** Path of the JobGraph JSON file. */
  job: string;
  /** Folder for <sink id>.ndjson per collect sink; omitted: records are counted only. */
  output?: string;
  /** Default 2. */
  taskmanagers?: number;
  /** Default 2. */
  slotsPerTaskManager?: number;
  killTaskManagerAfterMs?: number;
}

/** One job's summary line, the shape of `sluice run`'s where Flink reports the same facts. */
export interface FlinkRunSummary {
  job: string;
  name?: string;
  engine?: 'flink';
  jobId?: string;
  status: string;
  durationMs?: number;
  sinks?: Record<string, { records: number; file: string | null }>;
  failure: { message: string; stack?: string } | null;
  restarts?: number;
  checkpoints?: { inProgress: number; completed: number; failed: number; restored: number };
  killedTaskManager?: { index: number } | null;
}

export type FlinkPlanResult = { job: string; plan: CliPlan } | { job: string; error: string };

export async function runOnFlinkBatch(jobs: FlinkRunJob[]): Promise<FlinkRunSummary[]> {
  return (await batch('run-batch', jobs)) as FlinkRunSummary[];
}

export async function planOnFlinkBatch(jobPaths: string[]): Promise<FlinkPlanResult[]> {
  return (await batch('plan-batch', jobPaths)) as FlinkPlanResult[];
}

async function batch(command: 'run-batch' | 'plan-batch', entries: unknown[]): Promise<unknown[]> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-flink-batch-'));
  try {
    const file = join(dir, 'batch.json');
    await writeFile(file, JSON.stringify(entries));
    const { exitCode, stdout, stderr } = await runFlinkRunner([command, file], false);
    const lines = stdout.split('\n').filter((line) => line.startsWith('{'));
    if (lines.length !== entries.length)
      throw new Error(
        `the Flink runner answered ${lines.length} of ${entries.length} jobs (exit ${exitCode}):\n${stderr.slice(-4000)}`,
      );
    return lines.map((line) => JSON.parse(line) as unknown);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
