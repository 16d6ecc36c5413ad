/**
 * What happens around jobs on a real cluster: invalid graphs, too few slots, a throwing user function,
 * cancellation, a TaskManager process dying, and shutdown leaving no processes behind.
 * The tests share one cluster and run in order: the TaskManager-loss test takes a TaskManager away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobGraphInvalidError, LocalCluster } from '../src/index.js';
import {
  edge,
  EventRecorder,
  jobGraph,
  operator,
  processIsAlive,
  runToCompletion,
  submitStuckJob,
  until,
} from './harness.js';

let cluster: LocalCluster;
let recorder: EventRecorder;
let taskManagerPids: number[];
beforeAll(async () => {
  cluster = await LocalCluster.start({
    taskManagers: 2,
    slotsPerTaskManager: 2,
    slotRequestTimeoutMs: 1500,
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 2000,
  });
  recorder = new EventRecorder(cluster);
  taskManagerPids = cluster.taskManagers().map((tm) => tm.pid);
});
afterAll(() => cluster?.shutdown());

const allSlotsFree = (): boolean => cluster.taskManagers().every((tm) => tm.slots.every((slot) => slot.jobId === null));

/** An unbounded source (no `to`), throttled, feeding a discard sink: runs until canceled or failed. */
const endless = (parallelism: number) =>
  jobGraph(
    'endless',
    [
      operator('src', 'source.sequence', parallelism, { from: 1, ratePerSecond: 200 }),
      operator('drop', 'sink.discard', parallelism),
    ],
    [edge('src', 'drop', 'rebalance')],
  );

describe('job lifecycle on a real cluster', () => {
  it('rejects an invalid JobGraph with every problem named by its JSON path', () => {
    const invalid = jobGraph(
      'bad',
      [operator('src', 'source.sequence', 1, { from: 1, to: 3 })],
      [edge('src', 'nowhere')],
    );
    let thrown: unknown;
    try {
      cluster.submitJob(invalid);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JobGraphInvalidError);
    const problems = (thrown as JobGraphInvalidError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.some((problem) => problem.path.startsWith('edges[0]') || problem.path.startsWith('$.edges[0]')),
    ).toBe(true);
    expect(cluster.listJobs()).toHaveLength(0);
  });

  it('waits for resources when the cluster is too small, then fails naming the shortage', async () => {
    const job = cluster.submitJob(
      jobGraph(
        'too wide',
        [operator('src', 'source.sequence', 6, { from: 1, to: 60 }), operator('drop', 'sink.discard', 6)],
        [edge('src', 'drop')],
      ),
    );
    expect(job.overview().status).toBe('WAITING_FOR_RESOURCES');
    const details = await job.whenTerminal();
    const expected = 'job needs 6 slots but the cluster has 4 (2 TaskManagers × 2 slots)';
    expect(details.status).toBe('FAILED');
    expect(details.failure?.message).toContain(expected);
    expect(details.failure?.cause).toEqual({ kind: 'no-resource-available' });
    const statuses = recorder.of('job.status', job.jobId);
    expect(statuses.map((event) => event.status)).toEqual(['CREATED', 'WAITING_FOR_RESOURCES', 'FAILED']);
    expect(statuses[1]?.message).toBe(expected);
    expect(statuses[2]?.message).toContain(expected);
    expect(recorder.of('slot.allocated', job.jobId)).toEqual([]);
  });

  it("fails the job with the user function's message and stack, cancels the other tasks, and stays usable", async () => {
    const job = cluster.submitJob(
      jobGraph(
        'throws',
        [
          operator('src', 'source.sequence', 2, { from: 1, to: 100_000 }),
          operator(
            'check',
            'map',
            2,
            { fn: "v => { if (v === 7) throw new Error('no sevens: ' + v); return v; }" },
            { chaining: 'HEAD' },
          ),
          operator('drop', 'sink.discard', 2),
        ],
        [edge('src', 'check', 'rebalance'), edge('check', 'drop')],
      ),
    );
    const details = await job.whenTerminal();
    expect(details.status).toBe('FAILED');
    expect(details.failure?.vertexId).toBe('check');
    expect(details.failure?.cause).toEqual({ kind: 'user-code-exception', operatorId: 'check' });
    expect(details.failure?.message).toContain('no sevens: 7');
    expect(details.failure?.stack).toContain('no sevens: 7');
    const failed = recorder.of('task.failed', job.jobId);
    expect(failed[0]).toMatchObject({ vertexId: 'check', error: expect.stringContaining('no sevens: 7') as unknown });
    expect(failed[0]?.stack).toContain('Error: no sevens: 7');
    expect(details.subtasks.every((subtask) => ['FAILED', 'CANCELED', 'FINISHED'].includes(subtask.state))).toBe(true);
    expect(details.subtasks.filter((subtask) => subtask.state === 'FAILED').map((s) => s.vertexId)).toEqual(['check']);
    expect(allSlotsFree()).toBe(true);

    const next = await runToCompletion(
      cluster,
      jobGraph(
        'after the failure',
        [operator('src', 'source.collection', 1, { elements: [{ value: 1 }] }), operator('out', 'sink.collect', 1)],
        [edge('src', 'out')],
      ),
    );
    expect(next.sinks.out).toEqual([1]);
  });

  it('queues a job behind a running one until its slots are free', async () => {
    const first = cluster.submitJob(endless(4));
    const second = cluster.submitJob(
      jobGraph(
        'queued',
        [
          operator('src', 'source.collection', 1, { elements: [{ value: 'late' }] }),
          operator('out', 'sink.collect', 1),
        ],
        [edge('src', 'out')],
      ),
    );
    expect(second.overview().status).toBe('WAITING_FOR_RESOURCES');
    expect(recorder.of('job.status', second.jobId)[1]?.message).toBe(
      "job needs 1 slot but only 0 of the cluster's 4 are free (2 TaskManagers × 2 slots)",
    );
    await cluster.cancelJob(first.jobId);
    const details = await second.whenTerminal();
    expect(details.status, details.failure?.stack).toBe('FINISHED');
    expect(details.sinks.out).toEqual(['late']);
  });

  it('cancels a running job: every task CANCELED, slots released', async () => {
    const job = cluster.submitJob(endless(4));
    await until(() => recorder.of('task.state', job.jobId).some((event) => event.state === 'RUNNING'));
    // The slot table shows the job's subtasks sharing the 4 slots: one src and one drop subtask per slot (§2 Slot sharing).
    const held = cluster.taskManagers().flatMap((tm) => tm.slots);
    expect(held.every((slot) => slot.jobId === job.jobId)).toBe(true);
    expect(held.map((slot) => slot.subtasks.map((s) => s.vertexId).sort())).toEqual(Array(4).fill(['drop', 'src']));
    await cluster.cancelJob(job.jobId);
    const details = await job.whenTerminal();
    expect(details.status).toBe('CANCELED');
    expect(recorder.of('job.status', job.jobId).map((event) => event.status)).toEqual([
      'CREATED',
      'RUNNING',
      'CANCELING',
      'CANCELED',
    ]);
    expect(details.subtasks.map((subtask) => subtask.state)).toEqual(Array(8).fill('CANCELED'));
    expect(allSlotsFree()).toBe(true);
  });

  it('cancels a task stuck in a user function by stopping its thread', async () => {
    const job = await submitStuckJob(cluster, recorder);
    await cluster.cancelJob(job.jobId);
    const details = await job.whenTerminal();
    expect(details.status).toBe('CANCELED');
    expect(details.subtasks.find((subtask) => subtask.vertexId === 'spin')?.state).toBe('CANCELED');
    expect(allSlotsFree()).toBe(true);
  });

  it('reports a killed TaskManager lost and fails its job instead of hanging', async () => {
    const job = cluster.submitJob(endless(4));
    await until(() => recorder.of('task.state', job.jobId).filter((event) => event.state === 'RUNNING').length === 8);
    const victim = cluster.taskManagers().find((tm) => tm.taskManagerId === 'tm-2');
    expect(victim).toBeDefined();
    process.kill(victim!.pid, 'SIGKILL');
    const details = await job.whenTerminal();
    expect(details.status).toBe('FAILED');
    expect(details.failure?.message).toMatch(/^TaskManager tm-2 was lost: process killed by SIGKILL/);
    expect(details.failure?.cause).toEqual({
      kind: 'taskmanager-lost',
      taskManagerId: 'tm-2',
      detection: 'process-exit',
    });
    // Every task of the lost TaskManager failed with it; the tasks elsewhere were canceled.
    for (const subtask of details.subtasks)
      expect(subtask.state).toBe(subtask.taskManagerId === 'tm-2' ? 'FAILED' : 'CANCELED');
    expect(
      new Set(recorder.of('task.failed', job.jobId).map((event) => `${event.vertexId}#${event.subtaskIndex}`)),
    ).toEqual(
      new Set(
        details.subtasks
          .filter((subtask) => subtask.taskManagerId === 'tm-2')
          .map((s) => `${s.vertexId}#${s.subtaskIndex}`),
      ),
    );
    expect(recorder.of('taskmanager.lost')).toMatchObject([{ taskManagerId: 'tm-2', slots: 2 }]);
    expect(cluster.taskManagers().map((tm) => tm.taskManagerId)).toEqual(['tm-1']);
    expect(allSlotsFree()).toBe(true);
  });

  it('loses a TaskManager that stops answering heartbeats, and fails its job', async () => {
    const job = cluster.submitJob(endless(1));
    await until(() => recorder.of('task.state', job.jobId).filter((event) => event.state === 'RUNNING').length === 2);
    const [survivor] = cluster.taskManagers();
    expect(survivor?.taskManagerId).toBe('tm-1');
    process.kill(survivor!.pid, 'SIGSTOP');
    const details = await job.whenTerminal();
    expect(details.status).toBe('FAILED');
    expect(details.failure?.message).toMatch(
      /^TaskManager tm-1 was lost: no heartbeat for \d+ ms \(timeout 2000 ms\)$/,
    );
    expect(details.failure?.cause).toEqual({
      kind: 'taskmanager-lost',
      taskManagerId: 'tm-1',
      detection: 'heartbeat-timeout',
    });
    expect(recorder.of('taskmanager.lost').map((event) => event.taskManagerId)).toEqual(['tm-2', 'tm-1']);
    // A hung TaskManager is killed, not left behind.
    await until(() => !processIsAlive(survivor!.pid));
  });

  it('shutdown cancels running jobs and leaves no TaskManager process behind', async () => {
    const [pidA, pidB] = taskManagerPids;
    const cluster2 = await LocalCluster.start({ taskManagers: 2, slotsPerTaskManager: 1 });
    const pids = cluster2.taskManagers().map((tm) => tm.pid);
    expect(pids.every(processIsAlive)).toBe(true);
    // Shut down with a job running: it is canceled, its worker threads stopped, then the processes exit.
    const running = cluster2.submitJob(endless(1));
    await until(() => running.details().subtasks.every((subtask) => subtask.state === 'RUNNING'));
    await cluster2.shutdown();
    expect(running.overview().status).toBe('CANCELED');
    await cluster.shutdown();
    expect([pidA, pidB, ...pids].filter((pid) => pid !== undefined && processIsAlive(pid))).toEqual([]);
  });
});
