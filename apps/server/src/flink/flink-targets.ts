/**
 * The Flink run targets of POST /jobs: `flink-url`, any Flink 2.x session cluster, and `flink-embedded`, a local
 * standalone session cluster the server starts on first use (free ports, scripts/lib/flink-cluster) and stops when
 * it closes. The runner jar is uploaded once per cluster; each job runs it (POST /jars/:id/run) with the JobGraph
 * as its program argument, and a watcher then mirrors the job as Sluice's runtime events.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { RuntimeEvent, SavepointStatus } from '@sluice/protocol';
import { flinkRunnerJvm, repositoryRoot, scriptLib } from '../cli/flink/flink-runner-jvm.js';
import { FlinkClusterError, FlinkRestClient } from './flink-rest-client.js';
import { watchFlinkJob, type FlinkJobWatcher } from './flink-job-watcher.js';
import {
  savepointStatusOf,
  stopWithSavepoint,
  triggerSavepoint,
  type FlinkSavepointStatus,
} from './flink-savepoints.js';

export const RUN_TARGETS = ['local', 'flink-embedded', 'flink-url'] as const;
export type RunTarget = (typeof RUN_TARGETS)[number];
export type FlinkTarget = { target: 'flink-embedded' } | { target: 'flink-url'; flinkUrl: string };

/** The runner's entry class for a cluster that runs the jar itself (runners/flink: run/JarRunEntry.java). */
const ENTRY_CLASS = 'dev.sluice.flink.run.JarRunEntry';

interface EmbeddedCluster {
  restUrl: string;
  stop(): Promise<number[]>;
}
interface FlinkClusterLib {
  startFlinkCluster(options: { port: number; dataDir: string }): Promise<EmbeddedCluster>;
}

interface FlinkJob {
  client: FlinkRestClient;
  watcher: FlinkJobWatcher;
}

export class FlinkTargets {
  private embedded: Promise<{ cluster: EmbeddedCluster; dataDir: string }> | undefined;
  /** Jar ids by cluster URL: a cluster gets the runner jar once. */
  private readonly jars = new Map<string, Promise<string>>();
  private readonly jobs = new Map<string, FlinkJob>();

  constructor(
    private readonly publish: (event: RuntimeEvent) => void,
    private readonly pollIntervalMs?: number,
  ) {}

  hasJob(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  /** Submits the (valid, path-confined) JobGraph; a FlinkClusterError names why the cluster did not take it. */
  async submit(target: FlinkTarget, jobGraph: JobGraph): Promise<string> {
    const client = new FlinkRestClient(target.target === 'flink-url' ? target.flinkUrl : await this.embeddedUrl());
    const plan = planExecutionGraph(jobGraph);
    const jarId = await this.runnerJar(client);
    const answer = await client.post<{ jobid?: string }>(`/jars/${jarId}/run`, {
      entryClass: ENTRY_CLASS,
      programArgsList: [JSON.stringify(jobGraph)],
    });
    const jobId = answer?.jobid;
    if (typeof jobId !== 'string')
      throw new FlinkClusterError(`the Flink cluster at ${client.url} ran the jar but named no job`);
    this.publish({ type: 'job.status', jobId, status: 'CREATED', timestamp: Date.now() });
    this.jobs.set(jobId, { client, watcher: watchFlinkJob(client, jobId, plan, this.publish, this.pollIntervalMs) });
    return jobId;
  }

  /** PATCH /jobs/:id?mode=cancel: Flink answers 202 and the watcher sees CANCELING, then CANCELED. */
  async cancel(jobId: string): Promise<void> {
    await this.job(jobId).client.patch(`/jobs/${jobId}?mode=cancel`);
  }

  /** A savepoint of a running job (cancelled after it with `cancelJob`); the trigger id of Flink's operation. */
  triggerSavepoint(jobId: string, targetDirectory: string, cancelJob: boolean): Promise<string> {
    return triggerSavepoint(this.job(jobId).client, jobId, targetDirectory, cancelJob);
  }

  stopWithSavepoint(jobId: string, targetDirectory: string): Promise<string> {
    return stopWithSavepoint(this.job(jobId).client, jobId, targetDirectory);
  }

  async savepointStatus(jobId: string, triggerId: string): Promise<SavepointStatus> {
    const client = this.job(jobId).client;
    return savepointStatusOf(await client.get<FlinkSavepointStatus>(`/jobs/${jobId}/savepoints/${triggerId}`));
  }

  private job(jobId: string): FlinkJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new Error(`no Flink job with id "${jobId}"`);
    return job;
  }

  private runnerJar(client: FlinkRestClient): Promise<string> {
    let jar = this.jars.get(client.url);
    if (!jar) {
      // The runner's jar is first on its classpath.
      jar = flinkRunnerJvm().then(({ classpath }) => client.uploadJar(classpath.split(':')[0]!));
      this.jars.set(client.url, jar);
      // A failed upload is retried by the next submission rather than remembered.
      jar.catch(() => this.jars.delete(client.url));
    }
    return jar;
  }

  private async embeddedUrl(): Promise<string> {
    this.embedded ??= (async () => {
      const lib = await scriptLib<FlinkClusterLib>(repositoryRoot(), join('flink-cluster', 'cluster.mjs'));
      const dataDir = await mkdtemp(join(tmpdir(), 'sluice-flink-embedded-'));
      return { cluster: await lib.startFlinkCluster({ port: 0, dataDir }), dataDir };
    })();
    this.embedded.catch(() => (this.embedded = undefined));
    return (await this.embedded).cluster.restUrl;
  }

  /** Stops following jobs, and stops the embedded cluster if one was started (its JVMs end). */
  async close(): Promise<void> {
    for (const { watcher } of this.jobs.values()) watcher.stop();
    const embedded = await this.embedded?.catch(() => undefined);
    if (embedded) {
      await embedded.cluster.stop();
      await rm(embedded.dataDir, { recursive: true, force: true });
    }
  }
}
