import { describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { RuntimeEvent } from '@sluice/protocol';
import { createEditorStore } from '../src/store/editor';
import { applyClusterEvent, slotsTaken, type ClusterView } from '../src/runtime/cluster';
import { operatorRuntime } from '../src/runtime/operator-runtime';
import { metricsFrame, subtaskMetrics } from './support/metrics';

const figure = exampleById('figure-3-2')!.jobGraph;

/** A metrics frame with each subtask's records in and out; every other figure 0. */
function metrics(jobId: string, subtasks: [string, number, number, number][]): RuntimeEvent {
  return metricsFrame(
    jobId,
    1,
    subtasks.map(([vertexId, subtaskIndex, recordsIn, recordsOut]) =>
      subtaskMetrics({ vertexId, subtaskIndex, recordsIn, recordsOut }),
    ),
  );
}

const slot = (
  type: 'slot.allocated' | 'slot.released',
  taskManagerId: string,
  slotIndex: number,
  jobId: string,
  vertexId: string,
  subtaskIndex: number,
): RuntimeEvent => ({
  type,
  taskManagerId,
  slotIndex,
  jobId,
  vertexId,
  subtaskIndex,
});

describe('live job folded from runtime events', () => {
  it("sums records over a vertex's subtasks and shows them on the chain's head only; chained operators name their head (§1 Operator chaining)", () => {
    const store = createEditorStore(figure as JobGraph);
    const plan = planExecutionGraph(figure);
    store.getState().jobSubmitted('j1', plan);
    const chainOfB = plan.vertices.find((v) => v.operators.includes('B'))!;
    expect(chainOfB.operators).toEqual(['A', 'B']); // forward at equal parallelism 4: chained
    store.getState().runtimeEvent(
      metrics('j1', [
        [chainOfB.id, 0, 0, 5],
        [chainOfB.id, 1, 0, 7],
        [chainOfB.id, 3, 0, 1],
      ]),
    );
    store.getState().runtimeEvent(metrics('j1', [[chainOfB.id, 1, 0, 9]])); // counters are cumulative: latest wins
    store.getState().runtimeEvent(metrics('other-job', [[chainOfB.id, 2, 0, 1000]]));
    expect(plan.vertices.find((v) => v.operators.includes('D'))!.operators).toEqual(['D']); // parallelism 4 → 2: not chained to E
    store.getState().runtimeEvent(
      metrics('j1', [
        ['D', 0, 100, 100],
        ['D', 3, 80, 80],
      ]),
    );
    const runtime = operatorRuntime(store.getState().job!);
    expect(runtime.A!.chain).toEqual({ chainedInto: null, records: { recordsIn: 0, recordsOut: 15 } });
    expect(runtime.B!.chain).toEqual({ chainedInto: 'A' });
    expect(runtime.C!.chain).toEqual({ chainedInto: null, records: { recordsIn: 0, recordsOut: 0 } }); // no metrics yet
    expect(runtime.D!.chain).toEqual({ chainedInto: null, records: { recordsIn: 180, recordsOut: 180 } });
    expect(runtime.E!.chain).toEqual({ chainedInto: null, records: { recordsIn: 0, recordsOut: 0 } });
    expect(runtime.B!.status).toEqual(runtime.A!.status);
  });

  it('collects sink records in arrival order and starts over when a resubscription replays the job', () => {
    const store = createEditorStore(figure as JobGraph);
    store.getState().jobSubmitted('j1', planExecutionGraph(figure));
    store.getState().runtimeEvent({ type: 'sink.records', jobId: 'j1', operatorId: 'E', values: [2, 1001] });
    store.getState().runtimeEvent({ type: 'sink.records', jobId: 'j1', operatorId: 'E', values: [4] });
    expect(store.getState().job!.sinks).toEqual({ E: [2, 1001, 4] });
    store.getState().jobResubscribed();
    store.getState().runtimeEvent({ type: 'sink.records', jobId: 'j1', operatorId: 'E', values: [2, 1001, 4] });
    expect(store.getState().job!.sinks).toEqual({ E: [2, 1001, 4] });
  });

  it('keeps the first task failure with its stack and marks the vertex FAILED', () => {
    const store = createEditorStore(figure as JobGraph);
    const plan = planExecutionGraph(figure);
    store.getState().jobSubmitted('j1', plan);
    const vertex = plan.vertices.find((v) => v.operators.includes('B'))!;
    store.getState().runtimeEvent({
      type: 'task.state',
      jobId: 'j1',
      vertexId: vertex.id,
      subtaskIndex: 0,
      state: 'RUNNING',
      timestamp: 1,
    });
    store.getState().runtimeEvent({
      type: 'task.failed',
      jobId: 'j1',
      vertexId: vertex.id,
      subtaskIndex: 1,
      cause: { kind: 'user-code-exception', operatorId: 'B' },
      operatorId: 'B',
      error: 'boom',
      stack: 'Error: boom\n    at map',
      timestamp: 2,
    });
    store.getState().runtimeEvent({
      type: 'task.failed',
      jobId: 'j1',
      vertexId: vertex.id,
      subtaskIndex: 2,
      cause: { kind: 'task-exception' },
      error: 'later',
      stack: '',
      timestamp: 3,
    });
    const job = store.getState().job!;
    expect(job.failure).toEqual({
      cause: { kind: 'user-code-exception', operatorId: 'B' },
      vertexId: vertex.id,
      subtaskIndex: 1,
      operatorId: 'B',
      message: 'boom',
      stack: 'Error: boom\n    at map',
    });
    expect(operatorRuntime(job).B!.status).toEqual({ state: 'FAILED', inState: 2, parallelism: 4 });
  });

  it('forgets the failure once a restarted attempt runs: it recovered, and the exception history keeps it (§7 Recovery)', () => {
    const store = createEditorStore(figure as JobGraph);
    store.getState().jobSubmitted('j1', planExecutionGraph(figure));
    const status = (s: 'RUNNING' | 'RESTARTING' | 'FAILED', message?: string) =>
      store.getState().runtimeEvent({
        type: 'job.status',
        jobId: 'j1',
        status: s,
        timestamp: 1,
        ...(message === undefined ? {} : { message }),
      });
    status('RUNNING');
    store.getState().runtimeEvent({
      type: 'task.failed',
      jobId: 'j1',
      vertexId: 'D',
      subtaskIndex: 0,
      cause: { kind: 'taskmanager-lost', taskManagerId: 'tm-1', detection: 'heartbeat-timeout' },
      error: 'TaskManager tm-1 was lost',
      stack: '',
      timestamp: 2,
    });
    status('RESTARTING', 'TaskManager tm-1 was lost');
    expect(store.getState().job!.failure?.message).toBe('TaskManager tm-1 was lost');
    status('RUNNING');
    expect(store.getState().job!.failure).toBeNull();
    expect(store.getState().job!.message).toBeNull();
    store.getState().runtimeEvent({
      type: 'task.failed',
      jobId: 'j1',
      vertexId: 'D',
      subtaskIndex: 1,
      cause: { kind: 'task-exception' },
      error: 'boom',
      stack: 'Error: boom',
      timestamp: 3,
    });
    status('FAILED', 'boom');
    expect(store.getState().job!.failure?.message).toBe('boom');
  });
});

describe('cluster view from slot events (§2 Slot sharing)', () => {
  it('lists the subtasks sharing a slot, counts taken slots, and frees a slot when its last subtask leaves', () => {
    let cluster: ClusterView = {};
    cluster = applyClusterEvent(cluster, {
      type: 'taskmanager.registered',
      taskManagerId: 'tm-1',
      slots: 2,
      timestamp: 0,
    });
    cluster = applyClusterEvent(cluster, slot('slot.allocated', 'tm-1', 0, 'j1', 'A', 0));
    cluster = applyClusterEvent(cluster, slot('slot.allocated', 'tm-1', 0, 'j1', 'D', 0));
    cluster = applyClusterEvent(cluster, slot('slot.allocated', 'tm-1', 1, 'j1', 'A', 1));
    expect(cluster['tm-1']!.slots[0]!.subtasks).toEqual([
      { vertexId: 'A', subtaskIndex: 0 },
      { vertexId: 'D', subtaskIndex: 0 },
    ]);
    expect(slotsTaken(cluster)).toBe(2);
    cluster = applyClusterEvent(cluster, slot('slot.released', 'tm-1', 0, 'j1', 'A', 0));
    expect(slotsTaken(cluster)).toBe(2);
    cluster = applyClusterEvent(cluster, slot('slot.released', 'tm-1', 0, 'j1', 'D', 0));
    expect(slotsTaken(cluster)).toBe(1);
    expect(cluster['tm-1']!.slots[0]).toEqual({ index: 0, jobId: null, subtasks: [] });
  });

  it('remembers the most slots the current job held at once after they are released', () => {
    const store = createEditorStore(figure as JobGraph);
    store.getState().runtimeEvent({ type: 'taskmanager.registered', taskManagerId: 'tm-1', slots: 2, timestamp: 0 });
    store.getState().runtimeEvent({ type: 'taskmanager.registered', taskManagerId: 'tm-2', slots: 2, timestamp: 0 });
    // The first allocation may arrive before the answer to the submission.
    store.getState().runtimeEvent(slot('slot.allocated', 'tm-1', 0, 'j1', 'A', 0));
    store.getState().jobSubmitted('j1', planExecutionGraph(figure));
    expect(store.getState().slotsPeak).toBe(1);
    for (const [tm, index, sub] of [
      ['tm-1', 1, 1],
      ['tm-2', 0, 2],
      ['tm-2', 1, 3],
    ] as const)
      store.getState().runtimeEvent(slot('slot.allocated', tm, index, 'j1', 'A', sub));
    for (const [tm, index, sub] of [
      ['tm-1', 0, 0],
      ['tm-1', 1, 1],
      ['tm-2', 0, 2],
      ['tm-2', 1, 3],
    ] as const)
      store.getState().runtimeEvent(slot('slot.released', tm, index, 'j1', 'A', sub));
    expect(slotsTaken(store.getState().cluster)).toBe(0);
    expect(store.getState().slotsPeak).toBe(4);
  });
});
