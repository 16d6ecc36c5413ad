/**
 * `pnpm bench [--scale F] [--only render|chained|keyed|deploy]`: the benchmarks of issues 3, 5, 6 and 10, one after
 * the other in this process (the cluster ones start their own TaskManager processes, the Flink baselines a JVM each),
 * printed as they finish and written to bench/results.json. --scale multiplies every record count (e.g. 0.1 for a
 * quick look); the README's figures are from scale 1. --only runs that bench alone and replaces only its entry in
 * results.json (with that run's machine block; keyed keeps the full run's).
 * Benchmarks are not tests: nothing here fails on a slow figure, only on a wrong result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chainedBenchmark } from './chained/index.js';
import { checkpointingBenchmarks } from './checkpointing/index.js';
import { bufferTimeoutBenchmarks } from './cluster/buffer-timeout.js';
import { deployBenchmark } from './cluster/deploy.js';
import { keyedBenchmark } from './cluster/keyed.js';
import { renderBenchmark, type RenderResult } from './render/index.js';
import { probeMachine } from './report/machine.js';
import type { BenchResults } from './report/results.js';
import { checkpointTable, deploymentLines, markdownTable, targetLines } from './report/table.js';

const RESULTS_FILE = new URL('../results.json', import.meta.url);

function writeResults(results: BenchResults): void {
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}

/** A benchmark run alone replaces only its own part of results.json. */
function updateResults(change: (previous: BenchResults) => Partial<BenchResults>): void {
  const previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
  writeResults({ ...previous, ...change(previous) });
}

const ALONE = ['render', 'chained', 'keyed', 'deploy'] as const;

function options(): { scale: number; only: (typeof ALONE)[number] | undefined } {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, only: { type: 'string' } } });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale: expected a number in (0, 1], got "${values.scale}"`);
  const only = ALONE.find((name) => name === values.only);
  if (values.only !== undefined && !only)
    throw new Error(
      `--only: the benchmarks that run alone are ${ALONE.map((name) => `"${name}"`).join(', ')}, got "${values.only}"`,
    );
  return { scale, only };
}

function printRender(render: RenderResult): void {
  for (const [name, view] of [
    ['zoomed in', render.zoomedIn],
    ['fitted', render.fitted],
  ] as const) {
    const verdict = view.framesOver50Ms === 0 ? 'met' : 'MISSED';
    console.log(
      `200 operators ×32 render without a frame over 50 ms, ${name} (${view.nodesDrawn} nodes drawn): ${verdict} (max ${view.maxFrameMs.toFixed(0)} ms, p99 ${view.p99FrameMs.toFixed(0)} ms, ${view.framesOver50Ms} of ${view.frames} frames over 50 ms)`,
    );
  }
}

const { scale, only } = options();
const records = (n: number) => Math.max(1000, Math.round(n * scale));
/** deploy-100-tasks measures deployment; its few records only prove every task ran. */
const DEPLOY_RECORDS = 10_000;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const machine = probeMachine(scale);
log(`load before: ${machine.uptimeAtStart}`);
if (only === 'chained' || only === 'keyed') {
  const result =
    only === 'chained'
      ? await chainedBenchmark(records(10_000_000), 3, log)
      : await keyedBenchmark(records(5_000_000), 3, log);
  updateResults((previous) => ({
    benchmarks: previous.benchmarks.map((benchmark) => (benchmark.name === result.name ? result : benchmark)),
    ...(only === 'chained' && { chainedMachine: machine.finish() }),
  }));
  console.log(`\n${markdownTable([result])}\n`);
  for (const line of targetLines([result])) console.log(line);
  console.log(`\nwritten to ${RESULTS_FILE.pathname} (the ${result.name} entry only)`);
  process.exit(0);
}
if (only === 'deploy') {
  const deployment = await deployBenchmark(DEPLOY_RECORDS, 3, log);
  updateResults(() => ({ deployment, deploymentMachine: machine.finish() }));
  for (const line of deploymentLines(deployment)) console.log(line);
  console.log(`\nwritten to ${RESULTS_FILE.pathname} (the deployment entry only)`);
  process.exit(0);
}
if (only === 'render') {
  // The web app must be built (pnpm bench's build step does it); the render bench drives it in chromium.
  const render = await renderBenchmark(log);
  updateResults(() => ({ render, renderMachine: machine.finish() }));
  printRender(render);
  console.log(`\nwritten to ${RESULTS_FILE.pathname} (the render entry only)`);
  process.exit(0);
}
const benchmarks = [
  await chainedBenchmark(records(10_000_000), 3, log),
  await keyedBenchmark(records(5_000_000), 3, log),
  ...(await bufferTimeoutBenchmarks(records(500_000), 1, { ratePerSecond: 2000, seconds: 4 }, log)),
];
const { overhead, ...checkpointing } = await checkpointingBenchmarks(records, log);
benchmarks.push(overhead);
const deployment = await deployBenchmark(DEPLOY_RECORDS, 3, log);
// The web app must be built (pnpm bench's build step does it); the render bench drives it in chromium.
const render = await renderBenchmark(log);
writeResults({ machine: machine.finish(), benchmarks, render, checkpointing, deployment });

console.log(`\n${markdownTable(benchmarks)}\n`);
for (const line of targetLines(benchmarks)) console.log(line);
console.log(`\n${checkpointTable(checkpointing)}`);
for (const line of deploymentLines(deployment)) console.log(line);
printRender(render);
console.log(`\nwritten to ${RESULTS_FILE.pathname}`);
