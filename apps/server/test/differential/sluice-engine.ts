/**
 * The Sluice side of the differential suite: one real local cluster (TaskManager processes, TCP between them)
 * that runs the corpus job after job, as `sluice run` would run each, and the planner's plan as `sluice plan`.
 */
import { LocalCluster } from '@sluice/cluster';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph, toCliPlan, type CliPlan } from '@sluice/planner';
import type { SinkRecords } from './compare-outputs.js';

/** Slots for two generated jobs at once, each needing up to 3 slot sharing groups × parallelism 4 (§2 Required slots). */
const SLOTS_PER_TASKMANAGER = 12;
/** Flink's heartbeat.timeout: a loaded 2-core machine must not lose a TaskManager mid-corpus. */
const HEARTBEAT_TIMEOUT_MS = 50_000;

export interface EngineResult {
  status: 'FINISHED' | 'FAILED';
  sinks: SinkRecords;
  /** The failure's message when FAILED. */
  failure?: string;
}

export class SluiceEngine {
  private constructor(private readonly cluster: LocalCluster) {}

  static async start(): Promise<SluiceEngine> {
    const cluster = await LocalCluster.start({
      taskManagers: 2,
      slotsPerTaskManager: SLOTS_PER_TASKMANAGER,
      heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    });
    return new SluiceEngine(cluster);
  }

  plan(jobGraph: JobGraph): CliPlan {
    return toCliPlan(planExecutionGraph(jobGraph));
  }

  async run(jobGraph: JobGraph): Promise<EngineResult> {
    const details = await this.cluster.submitJob(jobGraph).whenTerminal();
    if (details.status === 'FINISHED') return { status: 'FINISHED', sinks: details.sinks };
    return { status: 'FAILED', sinks: details.sinks, failure: details.failure?.message ?? details.status };
  }

  shutdown(): Promise<void> {
    return this.cluster.shutdown();
  }
}
