/**
 * `chained`: source → map → filter → sum over n integers in one slot, Sluice's operator chain against a plain
 * loop (the limit), RxJS and Node.js streams, all in this process on the same numbers, and against Apache Flink on
 * a MiniCluster: the job in Java (`flink-java`) and this JobGraph through the Flink runner (`flink-runner`), each
 * over its run phase, every task RUNNING to FINISHED (flink/baselines.ts). Each contender gets a warm-up run on a
 * tenth of the data, then `runs` measured runs; the median rate counts. Every run must arrive at the exact expected
 * sum, or the benchmark fails: a fast wrong answer is no figure.
 */
import { flinkThroughputs } from '../flink/baselines.js';
import { withPeakRss } from '../measure/memory.js';
import { median, timed } from '../measure/timing.js';
import type { BenchmarkResult } from '../report/results.js';
import { nodeStreamsPipeline, plainLoop, rxjsPipeline } from './baselines.js';
import { expectedSum } from './pipeline.js';
import { chainedJobGraph, sluiceChain } from './sluice-chain.js';

type Contender = (n: number) => number | Promise<number>;

interface ContenderFigures {
  recordsPerSecond: number;
  peakRssBytes: number;
}

async function measure(name: string, contender: Contender, n: number, runs: number): Promise<ContenderFigures> {
  const check = (sum: number, size: number) => {
    if (sum !== expectedSum(size))
      throw new Error(`${name} summed 1..${size} to ${sum}, expected ${expectedSum(size)}`);
  };
  const warmUp = Math.max(1, Math.floor(n / 10));
  check(await contender(warmUp), warmUp);
  const rates: number[] = [];
  const peaks: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { result, peakRssBytes } = await withPeakRss(() => timed(() => contender(n)));
    check(result.result, n);
    rates.push(n / result.seconds);
    peaks.push(peakRssBytes);
  }
  return { recordsPerSecond: median(rates), peakRssBytes: Math.max(...peaks) };
}

export async function chainedBenchmark(n: number, runs: number, log: (line: string) => void): Promise<BenchmarkResult> {
  const contenders: [string, Contender][] = [
    ['plain-loop', plainLoop],
    ['rxjs', rxjsPipeline],
    ['node-streams', nodeStreamsPipeline],
  ];
  const sluice = await measure('sluice', sluiceChain, n, runs);
  log(`chained: sluice ${Math.round(sluice.recordsPerSecond)} records/s`);
  const baselines: BenchmarkResult['baselines'] = {};
  for (const [name, contender] of contenders) {
    const figures = await measure(name, contender, n, runs);
    log(`chained: ${name} ${Math.round(figures.recordsPerSecond)} records/s`);
    baselines[name] = { recordsPerSecond: figures.recordsPerSecond };
  }
  Object.assign(baselines, await flinkThroughputs('chained', n, runs, chainedJobGraph(n), log));
  return { name: 'chained', recordsPerSecond: sluice.recordsPerSecond, peakRssBytes: sluice.peakRssBytes, baselines };
}
