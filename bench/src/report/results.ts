/** The shape of bench/results.json (issue 3, item 6; issues 5 and 6 add theirs). */
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

/** A benchmark of time taken, lower is better: `deploy-100-tasks`. */
export interface DurationResult {
  name: string;
  seconds: number;
  baselines: Record<string, { seconds: number }>;
}

export interface BenchResults {
  machine: Record<string, unknown>;
  benchmarks: BenchmarkResult[];
  /** The render bench (bench/src/render): frame durations of the UI drawing 200 operators ×32 with live metrics. */
  render?: import('../render/index.js').RenderResult;
  /** The machine block of the run that measured `render`, when it ran alone (`pnpm bench --only render`). */
  renderMachine?: Record<string, unknown>;
  /** The machine block of the run that measured `chained`, when it ran alone (`pnpm bench --only chained`). */
  chainedMachine?: Record<string, unknown>;
  /** Issue 10: submission until every one of 100 tasks is RUNNING, Sluice against Flink. */
  deployment?: DurationResult;
  /** The machine block of the run that measured `deployment`, when it ran alone (`pnpm bench --only deploy`). */
  deploymentMachine?: Record<string, unknown>;
  /** Issue 5: checkpoint duration and size against state size, and recovery time from a killed TaskManager. */
  checkpointing?: import('../checkpointing/index.js').CheckpointingFigures;
}
