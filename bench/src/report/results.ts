/** The shape of bench/results.json (issue 3, item 6). */
export interface BaselineResult {
  recordsPerSecond: number;
}

export interface BenchmarkResult {
  name: string;
  recordsPerSecond: number;
  peakRssBytes: number;
  baselines: Record<string, BaselineResult>;
  latencyP50Ms?: number;
  latencyP99Ms?: number;
}

export interface BenchResults {
  machine: Record<string, unknown>;
  benchmarks: BenchmarkResult[];
  /** The render bench (bench/src/render): frame durations of the UI drawing 200 operators ×32 with live metrics. */
  render?: import('../render/index.js').RenderResult;
}
