/** The figures as a Markdown table (the README's) and the targets of issues 3 and 5 checked against them. */
import type { CheckpointingFigures } from '../checkpointing/index.js';
import type { BenchmarkResult, DurationResult } from './results.js';

const MB = 1024 * 1024;

const rate = (recordsPerSecond: number): string =>
  recordsPerSecond >= 1e6 ? `${(recordsPerSecond / 1e6).toFixed(2)} M/s` : `${(recordsPerSecond / 1e3).toFixed(1)} k/s`;

function versus(result: BenchmarkResult): string {
  return Object.entries(result.baselines)
    .map(
      ([name, baseline]) =>
        `${name} ${rate(baseline.recordsPerSecond)} (×${(result.recordsPerSecond / baseline.recordsPerSecond).toFixed(2)})`,
    )
    .join('; ');
}

const latency = (result: BenchmarkResult): string =>
  result.latencyP50Ms === undefined || result.latencyP99Ms === undefined
    ? ''
    : `${result.latencyP50Ms.toFixed(2)} / ${result.latencyP99Ms.toFixed(2)} ms`;

export function markdownTable(results: readonly BenchmarkResult[]): string {
  const rows = results.map(
    (r) =>
      `| \`${r.name}\` | ${rate(r.recordsPerSecond)} | ${Math.round(r.peakRssBytes / MB)} MB | ${latency(r)} | ${versus(r)} |`,
  );
  return [
    '| benchmark | records/s | peak RSS | latency p50 / p99 | baselines (records/s, Sluice ÷ baseline) |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Issues 3's and 5's targets: a line each, met or missed, with the figures that decide it. */
export function targetLines(results: readonly BenchmarkResult[]): string[] {
  const byName = new Map(results.map((r) => [r.name, r]));
  const lines: string[] = [];
  const chained = byName.get('chained');
  if (chained) {
    const ratio = (baseline: string) => chained.recordsPerSecond / chained.baselines[baseline]!.recordsPerSecond;
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    lines.push(`chained ≥ ½ plain loop: ${verdict(ratio('plain-loop') >= 0.5)} (×${ratio('plain-loop').toFixed(3)})`);
    lines.push(`chained faster than RxJS: ${verdict(ratio('rxjs') > 1)} (×${ratio('rxjs').toFixed(2)})`);
    lines.push(
      `chained faster than Node streams: ${verdict(ratio('node-streams') > 1)} (×${ratio('node-streams').toFixed(2)})`,
    );
  }
  const keyed = byName.get('keyed-cross-taskmanager');
  if (keyed)
    lines.push(
      `keyed across TaskManagers > 1 M records/s: ${keyed.recordsPerSecond > 1e6 ? 'met' : 'MISSED'} (${rate(keyed.recordsPerSecond)})`,
    );
  // Issue 10: Sluice ahead of Apache Flink on the same jobs (where a JDK let the Flink baselines run).
  for (const result of [chained, keyed]) {
    const flink = result?.baselines['flink-java'];
    if (!result || !flink) continue;
    const ratio = result.recordsPerSecond / flink.recordsPerSecond;
    lines.push(`${result.name} ahead of flink-java: ${ratio > 1 ? 'met' : 'MISSED'} (×${ratio.toFixed(2)})`);
  }
  const checkpointed = byName.get('checkpointing-1s');
  if (checkpointed) {
    const ratio = checkpointed.recordsPerSecond / checkpointed.baselines['no-checkpoints']!.recordsPerSecond;
    lines.push(`checkpoints every 1 s ≥ 0.9 × none: ${ratio >= 0.9 ? 'met' : 'MISSED'} (×${ratio.toFixed(2)})`);
  }
  return lines;
}

/** deploy-100-tasks: Sluice's seconds, each baseline's with Sluice ÷ baseline, and issue 10's target against Flink. */
export function deploymentLines(result: DurationResult): string[] {
  const versus = Object.entries(result.baselines).map(
    ([name, baseline]) =>
      `${name} ${baseline.seconds.toFixed(2)} s (×${(result.seconds / baseline.seconds).toFixed(2)})`,
  );
  const lines = [`${result.name}: ${result.seconds.toFixed(2)} s to every task RUNNING; ${versus.join('; ')}`];
  const flink = result.baselines['flink-java'];
  if (flink)
    lines.push(
      `deployment at least as fast as flink-java: ${result.seconds <= flink.seconds ? 'met' : 'MISSED'} (×${(result.seconds / flink.seconds).toFixed(2)})`,
    );
  return lines;
}

/** Checkpoint duration and size per state size, then the recovery timeline: the README's second table. */
export function checkpointTable({ sizes, recovery }: CheckpointingFigures): string {
  const rows = sizes.map(
    (s) =>
      `| ${s.keys.toLocaleString('en')} | ${(s.stateSizeBytes / 1024).toFixed(0)} KiB | ${s.durationMsMedian.toFixed(0)} ms | ${s.durationMsMax.toFixed(0)} ms | ${s.checkpoints} |`,
  );
  return [
    '| keys (state entries) | checkpoint size | duration median | duration max | checkpoints |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Recovery from a SIGKILLed TaskManager (median of ${recovery.runs}, from the kill): RESTARTING after ${recovery.detectedMs.toFixed(0)} ms, replacement TaskManager registered after ${recovery.replacementRegisteredMs.toFixed(0)} ms, every subtask RUNNING again after ${recovery.runningAgainMs.toFixed(0)} ms.`,
  ].join('\n');
}
