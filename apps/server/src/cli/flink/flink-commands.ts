/**
 * `sluice run JOB.json --engine flink` and `sluice plan JOB.json --engine flink`: the job validated as for Sluice,
 * then run or planned by Apache Flink through the runner (runners/flink), with the same output formats. Without
 * --flink-url the job runs on an embedded MiniCluster; with it, on that Flink session cluster.
 */
import { UsageError } from '../../args.js';
import { slotsPerTaskManagerFor } from '../run-command.js';
import { loadValidJobGraph } from '../validate-command.js';
import { FlinkUnavailableError, runFlinkRunner } from './flink-runner-jvm.js';

export interface FlinkRunOptions {
  jobPath: string | undefined;
  taskManagers: number;
  slotsPerTaskManager: number | undefined;
  outputDir: string | undefined;
  killTaskManagerAfterMs: number | undefined;
  flinkUrl: string | undefined;
}

export async function flinkRunCommand(options: FlinkRunOptions): Promise<number> {
  const jobGraph = await loadValidJobGraph(options.jobPath);
  if (!jobGraph) return 1;
  // The same default as `sluice run`: each TaskManager gets enough slots for the job.
  const slots = options.slotsPerTaskManager ?? slotsPerTaskManagerFor(jobGraph, options.taskManagers);
  const args = ['run', options.jobPath!, '--taskmanagers', String(options.taskManagers)];
  args.push('--slots-per-taskmanager', String(slots));
  if (options.outputDir !== undefined) args.push('--output', options.outputDir);
  if (options.killTaskManagerAfterMs !== undefined)
    args.push('--kill-taskmanager-after', String(options.killTaskManagerAfterMs));
  if (options.flinkUrl !== undefined) args.push('--flink-url', flinkUrl(options.flinkUrl));
  return runner(args);
}

export async function flinkPlanCommand(jobPath: string | undefined): Promise<number> {
  const jobGraph = await loadValidJobGraph(jobPath);
  if (!jobGraph) return 1;
  return runner(['plan', jobPath!]);
}

async function runner(args: string[]): Promise<number> {
  try {
    const { exitCode, stdout } = await runFlinkRunner(args, true);
    // The runner prints one JSON line; `sluice` prints its results indented by 2.
    for (const line of stdout.split('\n').filter((text) => text.startsWith('{')))
      console.log(JSON.stringify(JSON.parse(line), null, 2));
    return exitCode;
  } catch (error) {
    if (error instanceof FlinkUnavailableError) throw new UsageError(error.message, 1);
    throw error;
  }
}

function flinkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--flink-url must be a URL such as http://127.0.0.1:8082, got "${raw}"`);
  }
  if (url.protocol !== 'http:' || url.port === '')
    throw new UsageError(`--flink-url must be http://HOST:PORT (Flink's REST endpoint), got "${raw}"`);
  return url.origin;
}
