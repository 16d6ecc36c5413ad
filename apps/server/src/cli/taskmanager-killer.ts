/**
 * `sluice run --kill-taskmanager-after MS` (design.md Contract 2, §7 Recovery): MS milliseconds after the job first
 * reaches RUNNING, SIGKILL one TaskManager process that hosts a running task of the job, as a JVM crash would. The
 * run carries on: the job's restart strategy decides whether it restarts (from the latest completed checkpoint)
 * or fails, and the ResourceManager starts a replacement process.
 */
import type { JobMasterHandle, LocalCluster } from '@sluice/cluster';

export interface KilledTaskManager {
  taskManagerId: string;
  pid: number;
  /** When it was killed, in ms after the job first reached RUNNING (≥ the MS asked for; later if no task was running yet). */
  afterRunningMs: number;
  /** The job's tasks it was running, as vertexId#subtaskIndex. */
  tasks: string[];
}

export interface TaskManagerKiller {
  /** Who was killed, once it happened. */
  readonly killed: KilledTaskManager | undefined;
  /** Stops waiting (the job ended). */
  stop(): void;
}

/** How often to look again when, at the time, no task of the job is running (deploying, restarting). */
const RETRY_MS = 20;

/**
 * Arms the kill; `report` gets one human-readable line when a TaskManager is killed (or when the job ended first).
 * The victim is the TaskManager running the most of the job's tasks (ties: the lowest id), so the kill hits it.
 */
export function killTaskManagerAfter(
  cluster: LocalCluster,
  job: JobMasterHandle,
  delayMs: number,
  report: (line: string) => void,
): TaskManagerKiller {
  let killed: KilledTaskManager | undefined;
  let runningSince: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const attempt = (): void => {
    timer = undefined;
    if (stopped) return;
    const running = job.details().subtasks.filter((s) => s.state === 'RUNNING' && s.taskManagerId !== null);
    const byTaskManager = new Map<string, string[]>();
    for (const s of running)
      byTaskManager.set(s.taskManagerId!, [
        ...(byTaskManager.get(s.taskManagerId!) ?? []),
        `${s.vertexId}#${s.subtaskIndex}`,
      ]);
    const [victim] = [...byTaskManager].sort(
      ([a, ta], [b, tb]) => tb.length - ta.length || a.localeCompare(b, 'en', { numeric: true }),
    );
    const pid = victim && cluster.signalTaskManager(victim[0], 'SIGKILL');
    if (!victim || pid === undefined) {
      timer = setTimeout(attempt, RETRY_MS);
      return;
    }
    const [taskManagerId, tasks] = victim;
    killed = { taskManagerId, pid, afterRunningMs: Date.now() - (runningSince ?? Date.now()), tasks };
    report(
      `killed TaskManager ${taskManagerId} (pid ${pid}) with SIGKILL ${killed.afterRunningMs} ms after the job started running; it ran ${tasks.join(', ')}`,
    );
  };

  const arm = (): void => {
    if (runningSince !== undefined || stopped) return;
    runningSince = Date.now();
    timer = setTimeout(attempt, delayMs);
  };

  const stopListening = cluster.onEvent((event) => {
    if (event.type === 'job.status' && event.jobId === job.jobId && event.status === 'RUNNING') arm();
  });
  // The job may have reached RUNNING before this listener was added.
  if (job.overview().status === 'RUNNING') arm();

  return {
    get killed() {
      return killed;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      stopListening();
      clearTimeout(timer);
      if (!killed)
        report(`the job ended before --kill-taskmanager-after ${delayMs} could kill a TaskManager; none was killed`);
    },
  };
}
