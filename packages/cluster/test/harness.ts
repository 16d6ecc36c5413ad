/** What the runtime tests share: JobGraph builders, an event recorder, and running a job to its end. */
import { MAX_USER_FUNCTION_TIMEOUT_MS, type JobGraph, type OperatorSpec, type EdgeSpec } from '@sluice/model';
import type { JobDetails, RuntimeEvent } from '@sluice/protocol';
import type { JobMasterHandle, LocalCluster } from '../src/index.js';

export function operator(
  id: string,
  kind: OperatorSpec['kind'],
  parallelism: number,
  params?: Record<string, unknown>,
  extra: Partial<OperatorSpec> = {},
): OperatorSpec {
  return { id, kind, parallelism, ...(params && { params }), ...extra };
}

export function edge(source: string, target: string, partitioner?: EdgeSpec['partitioner'], key?: string): EdgeSpec {
  return { source, target, ...(partitioner && { partitioner }), ...(key !== undefined && { key }) };
}

export function jobGraph(name: string, operators: OperatorSpec[], edges: EdgeSpec[]): JobGraph {
  return { version: 1, name, operators, edges };
}

/** The events of one type (an intersection, since slot and TaskManager events share a schema for two types). */
export type EventOf<T extends RuntimeEvent['type']> = RuntimeEvent & { type: T };

/** Every event of the cluster from now on. */
export class EventRecorder {
  readonly events: RuntimeEvent[] = [];
  readonly stop: () => void;

  constructor(cluster: LocalCluster) {
    this.stop = cluster.onEvent((event) => this.events.push(event));
  }

  of<T extends RuntimeEvent['type']>(type: T, jobId?: string): EventOf<T>[] {
    return this.events.filter(
      (event): event is EventOf<T> =>
        event.type === type && (jobId === undefined || !('jobId' in event) || event.jobId === jobId),
    );
  }
}

/**
 * A job whose `spin` map never returns, so canceling it must stop the task's thread. Resolves once `spin` runs,
 * when it holds its slot and network memory.
 */
export async function submitStuckJob(cluster: LocalCluster, recorder: EventRecorder): Promise<JobMasterHandle> {
  const job = cluster.submitJob({
    ...jobGraph(
      'stuck',
      [
        operator('src', 'source.sequence', 1, { from: 1, to: 10 }),
        operator('spin', 'map', 1, { fn: 'v => { for (;;) {} }' }, { chaining: 'HEAD' }),
        operator('drop', 'sink.discard', 1),
      ],
      [edge('src', 'spin'), edge('spin', 'drop')],
    ),
    // Stuck until canceled: the watchdog of user functions must not fail it first.
    config: { userFunctionTimeoutMs: MAX_USER_FUNCTION_TIMEOUT_MS },
  });
  await until(() =>
    recorder.of('task.state', job.jobId).some((event) => event.vertexId === 'spin' && event.state === 'RUNNING'),
  );
  return job;
}

/** Submits a job and waits for its terminal state; fails the test with the job's failure if it did not finish. */
export async function runToCompletion(cluster: LocalCluster, graph: JobGraph): Promise<JobDetails> {
  const details = await cluster.submitJob(graph).whenTerminal();
  if (details.status !== 'FINISHED')
    throw new Error(`job ${graph.name} ended ${details.status}: ${details.failure?.stack ?? ''}`);
  return details;
}

/** Sorts a multiset of JSON values into a canonical order, so two multisets compare with toEqual. */
export const multiset = (values: unknown[]): unknown[] =>
  values
    .map((value) => JSON.stringify(value))
    .sort()
    .map((text) => JSON.parse(text) as unknown);

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
