/**
 * Recovery time (issue 5): the checkpointed keyed job on 2 TaskManagers of one slot each, so a restart needs the
 * ResourceManager's replacement TaskManager. A TaskManager running a task is SIGKILLed once a checkpoint has
 * completed; timed from the kill: the job RESTARTING (the process exit detected), the replacement registered, and
 * every subtask RUNNING again, restored from the checkpoint. The restart strategy's delay is 0 so the figure is
 * the runtime's own, not a backoff. Each run must then finish.
 */
import { join } from 'node:path';
import { LocalCluster } from '@sluice/cluster';
import type { RuntimeEvent } from '@sluice/protocol';
import { keyedJobGraph } from '../cluster/keyed-job.js';
import { median } from '../measure/timing.js';

export interface RecoveryFigures {
  runs: number;
  /** Medians, in milliseconds from the kill. */
  detectedMs: number;
  replacementRegisteredMs: number;
  runningAgainMs: number;
}

const sinceMs = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

function waitFor(cluster: LocalCluster, accept: (event: RuntimeEvent) => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = cluster.onEvent((event) => {
      if (!accept(event)) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

export async function recoveryBenchmark(
  n: number,
  runs: number,
  storageRoot: string,
  log: (line: string) => void,
): Promise<RecoveryFigures> {
  const cluster = await LocalCluster.start({ taskManagers: 2, slotsPerTaskManager: 1 });
  const samples: { detected: number; registered: number; running: number }[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const graph = keyedJobGraph(n, {
        checkpointing: { intervalMs: 200, mode: 'EXACTLY_ONCE', storageDir: join(storageRoot, `recovery-${run}`) },
        restartStrategy: { type: 'fixed-delay', attempts: 3, delayMs: 0 },
      });
      const firstCheckpoint = waitFor(cluster, (e) => e.type === 'checkpoint.completed');
      const handle = cluster.submitJob(graph);
      await firstCheckpoint;
      const victim = handle.details().subtasks.find((s) => s.state === 'RUNNING')?.taskManagerId;
      if (!victim) throw new Error('the job ended before a TaskManager could be killed: raise the record count');
      const subtasks = handle.details().subtasks.length;
      let runningAgain = 0;
      const detected = waitFor(
        cluster,
        (e) => e.type === 'job.status' && e.jobId === handle.jobId && e.status === 'RESTARTING',
      );
      const registered = waitFor(cluster, (e) => e.type === 'taskmanager.registered');
      const running = waitFor(
        cluster,
        (e) =>
          e.type === 'task.state' && e.jobId === handle.jobId && e.state === 'RUNNING' && ++runningAgain === subtasks,
      );
      const killed = process.hrtime.bigint();
      cluster.signalTaskManager(victim, 'SIGKILL');
      const [detectedMs, registeredMs, runningMs] = await Promise.all(
        [detected, registered, running].map((p) => p.then(() => sinceMs(killed))),
      );
      const details = await handle.whenTerminal();
      if (details.status !== 'FINISHED')
        throw new Error(`the restarted job ended ${details.status}: ${details.failure?.stack ?? ''}`);
      if (handle.checkpointStatistics().latestRestored === null)
        throw new Error('the restart did not restore a checkpoint');
      samples.push({ detected: detectedMs!, registered: registeredMs!, running: runningMs! });
      log(
        `recovery run ${run + 1}: RESTARTING after ${detectedMs!.toFixed(0)} ms, replacement registered after ${registeredMs!.toFixed(0)} ms, all RUNNING after ${runningMs!.toFixed(0)} ms`,
      );
    }
  } finally {
    await cluster.shutdown();
  }
  return {
    runs,
    detectedMs: median(samples.map((s) => s.detected)),
    replacementRegisteredMs: median(samples.map((s) => s.registered)),
    runningAgainMs: median(samples.map((s) => s.running)),
  };
}
