import { describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { CheckpointingStatistics, RuntimeEvent } from '@sluice/protocol';
import { edgeBarrier, vertexCheckpoint } from '../../src/checkpoints/barriers';
import { createEditorStore } from '../../src/store/editor';

// numbers → key-by-remainder are chained (forward, both ×1) into vertex `numbers`; sum ×2; sums ×1.
const recovery = exampleById('recovery')!.jobGraph;
const plan = planExecutionGraph(recovery);

function started() {
  const store = createEditorStore(recovery);
  store.getState().jobSubmitted('j1', plan);
  const send = (event: RuntimeEvent) => store.getState().runtimeEvent(event);
  for (const [vertexId, parallelism] of [
    ['numbers', 1],
    ['sum', 2],
    ['sums', 1],
  ] as const) {
    for (let subtaskIndex = 0; subtaskIndex < parallelism; subtaskIndex += 1)
      send({ type: 'task.state', jobId: 'j1', vertexId, subtaskIndex, state: 'RUNNING', timestamp: 1 });
  }
  const checkpoints = () => store.getState().job!.checkpoints;
  return { store, send, checkpoints };
}

const triggered = (checkpointId: number, subtasksTotal: number): RuntimeEvent => ({
  type: 'checkpoint.triggered',
  jobId: 'j1',
  checkpointId,
  timestamp: 1000,
  savepoint: false,
  subtasksTotal,
});

const ack = (
  checkpointId: number,
  vertexId: string,
  subtaskIndex: number,
  alignmentDurationMs = 0,
  stateSizeBytes = 100,
): RuntimeEvent => ({
  type: 'checkpoint.acknowledged',
  jobId: 'j1',
  vertexId,
  subtaskIndex,
  checkpointId,
  timestamp: 1000 + 10 * (subtaskIndex + 1),
  alignmentDurationMs,
  stateSizeBytes,
});

const position = (stats: CheckpointingStatistics, source: string, target: string) =>
  edgeBarrier(plan, stats, source, target)?.position ?? null;

describe('barriers on the canvas, from the acknowledgements of the checkpoint in progress (§7 Checkpoints)', () => {
  it("a barrier appears on an edge when a producer acknowledges, and moves towards the consumer with each consumer's ack", () => {
    const { send, checkpoints } = started();
    send(triggered(1, 4));
    // Triggered, no ack yet: the barrier has not left the sources.
    expect(position(checkpoints(), 'key-by-remainder', 'sum')).toBeNull();

    send(ack(1, 'numbers', 0));
    expect(edgeBarrier(plan, checkpoints(), 'key-by-remainder', 'sum')).toEqual({
      checkpointId: 1,
      savepoint: false,
      sent: 1,
      producers: 1,
      aligned: 0,
      consumers: 2,
      position: 0.5,
    });
    // Chained operators hand the barrier on in one thread: no network edge, no marker.
    expect(edgeBarrier(plan, checkpoints(), 'numbers', 'key-by-remainder')).toBeNull();
    expect(position(checkpoints(), 'sum', 'sums')).toBeNull();

    send(ack(1, 'sum', 1, 4, 300));
    expect(position(checkpoints(), 'key-by-remainder', 'sum')).toBe(0.75);
    expect(edgeBarrier(plan, checkpoints(), 'sum', 'sums')).toMatchObject({
      sent: 1,
      producers: 2,
      aligned: 0,
      consumers: 1,
      position: 0.25,
    });

    send(ack(1, 'sum', 1, 4, 300)); // a replayed ack counts once
    send(ack(1, 'sum', 0, 2, 200));
    expect(position(checkpoints(), 'key-by-remainder', 'sum')).toBe(1);
    expect(position(checkpoints(), 'sum', 'sums')).toBe(0.5);

    send(ack(1, 'sums', 0));
    expect(position(checkpoints(), 'sum', 'sums')).toBe(1);
    expect(checkpoints().history[0]).toMatchObject({
      id: 1,
      status: 'IN_PROGRESS',
      subtasksAcknowledged: 4,
      subtasksTotal: 4,
      stateSizeBytes: 700,
    });

    send({
      type: 'checkpoint.completed',
      jobId: 'j1',
      checkpointId: 1,
      savepoint: false,
      timestamp: 1050,
      durationMs: 50,
      stateSizeBytes: 700,
      path: '/tmp/chk-1',
    });
    expect(position(checkpoints(), 'key-by-remainder', 'sum')).toBeNull();
    expect(position(checkpoints(), 'sum', 'sums')).toBeNull();
    expect(checkpoints().counts).toEqual({ inProgress: 0, completed: 1, failed: 0, restored: 0 });

    const sum = vertexCheckpoint(checkpoints(), 'sum')!;
    expect(sum.checkpoint.status).toBe('COMPLETED');
    expect(
      sum.subtasks.map((s) => [
        s.subtaskIndex,
        s.acknowledged,
        s.alignmentDurationMs,
        s.stateSizeBytes,
        s.ackTimestamp,
      ]),
    ).toEqual([
      [0, true, 2, 200, 1010],
      [1, true, 4, 300, 1020],
    ]);
  });

  it('finished subtasks take no part: they neither wait for nor carry a barrier', () => {
    const { send, checkpoints } = started();
    send({ type: 'task.state', jobId: 'j1', vertexId: 'sum', subtaskIndex: 1, state: 'FINISHED', timestamp: 2 });
    send(triggered(2, 3));
    expect(checkpoints().history[0]!.subtasks.map((s) => `${s.vertexId}#${s.subtaskIndex}`)).toEqual([
      'numbers#0',
      'sum#0',
      'sums#0',
    ]);
    send(ack(2, 'numbers', 0));
    send(ack(2, 'sum', 0));
    expect(edgeBarrier(plan, checkpoints(), 'key-by-remainder', 'sum')).toMatchObject({
      aligned: 1,
      consumers: 1,
      position: 1,
    });
    expect(edgeBarrier(plan, checkpoints(), 'sum', 'sums')).toMatchObject({
      sent: 1,
      producers: 1,
      aligned: 0,
      consumers: 1,
      position: 0.5,
    });
  });

  it('a failed checkpoint takes its barriers off the canvas; the nodes keep what it got to', () => {
    const { send, checkpoints } = started();
    send(triggered(3, 4));
    send(ack(3, 'numbers', 0));
    send({
      type: 'checkpoint.failed',
      jobId: 'j1',
      checkpointId: 3,
      savepoint: false,
      timestamp: 1400,
      failureReason: 'TASK_FAILURE',
      reason: 'task sum#1 failed',
    });
    expect(position(checkpoints(), 'key-by-remainder', 'sum')).toBeNull();
    expect(checkpoints().history[0]).toMatchObject({
      status: 'FAILED',
      durationMs: 400,
      failureMessage: 'task sum#1 failed',
    });
    expect(checkpoints().counts).toEqual({ inProgress: 0, completed: 0, failed: 1, restored: 0 });
    expect(vertexCheckpoint(checkpoints(), 'numbers')!.subtasks.map((s) => s.acknowledged)).toEqual([true]);
    expect(vertexCheckpoint(checkpoints(), 'sum')!.subtasks.map((s) => s.acknowledged)).toEqual([false, false]);
  });
});
