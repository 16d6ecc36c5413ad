/**
 * One StreamTask against a hand-driven host: the test holds the clock, runs the mailbox and plays the
 * consumer that grants credit (§4 Backpressure and its time metrics).
 */
import { describe, expect, test } from 'vitest';
import type { BufferMessage, NetworkMessage } from '../../src/network/messages.js';
import { RecordDeserializer } from '../../src/serialization/record-serializer.js';
import type { TaskDeploymentDescriptor } from '../../src/task/deployment.js';
import type { TaskExecutionState, TaskFailure, TaskHost } from '../../src/task/host.js';
import { startStreamTask } from '../../src/task/stream-task.js';

const local = { taskManagerId: 'local', slotIndex: 0 };

function sourceTask(to: number): TaskDeploymentDescriptor {
  return {
    jobId: 'j',
    attemptNumber: 0,
    vertexId: 'src',
    taskName: 'Source',
    subtaskIndex: 0,
    parallelism: 1,
    maxParallelism: 128,
    location: local,
    operators: [{ id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to } }],
    chainedEdges: [],
    inputGates: [],
    resultPartitions: [
      {
        edgeIndex: 0,
        sourceOperator: 'src',
        targetVertexId: 'dst',
        partitioner: 'forward',
        consumerParallelism: 1,
        consumerMaxParallelism: 128,
        consumers: [{ subtaskIndex: 0, location: local }],
      },
    ],
    jobConfig: {},
    network: { bufferSizeBytes: 64, bufferTimeoutMs: 0, buffersPerChannel: 2, floatingBuffersPerGate: 8 },
  };
}

function testHost() {
  let clock = 0;
  const mailbox: (() => void)[] = [];
  const sent: BufferMessage[] = [];
  const states: TaskExecutionState[] = [];
  const failures: TaskFailure[] = [];
  let deliver: (m: NetworkMessage) => void = () => {};
  const host: TaskHost = {
    network: {
      send: (m) => {
        if (m.type === 'buffer') sent.push(m);
      },
      onMessage: (handler) => {
        deliver = handler;
      },
    },
    time: {
      now: () => clock,
      schedule: (delayMs, fn) => {
        if (delayMs > 0) throw new Error('this test drives only mailbox turns');
        let live = true;
        mailbox.push(() => live && fn());
        return () => {
          live = false;
        };
      },
    },
    reportState: (state, failure) => {
      states.push(state);
      if (failure) failures.push(failure);
    },
    emitSinkRecords: () => {},
    print: () => {},
  };
  const runMailbox = (): void => {
    for (let turn = mailbox.shift(); turn; turn = mailbox.shift()) turn();
  };
  return {
    host,
    sent,
    states,
    failures,
    runMailbox,
    advance: (ms: number) => (clock += ms),
    credit: (n: number) => deliver({ type: 'credit', channel: 'e0:0>0', credit: n }),
  };
}

const valuesIn = (buffers: BufferMessage[]): unknown[] => {
  const deserializer = new RecordDeserializer();
  const values: unknown[] = [];
  for (const b of buffers) {
    if (b.event) continue;
    deserializer.setNextBuffer(b.data);
    for (let e = deserializer.next(); e; e = deserializer.next()) if (e.kind === 'record') values.push(e.value);
  }
  return values;
};

describe('StreamTask backpressure (§4)', () => {
  test('without credit a source fills its output pool and stops; credit resumes it; time counts as backpressured', () => {
    const t = testHost();
    const task = startStreamTask(sourceTask(100_000), t.host);
    t.runMailbox();
    expect(t.states).toEqual(['DEPLOYING', 'INITIALIZING', 'RUNNING']);
    expect(t.sent).toEqual([]);
    const stalled = task.snapshotMetrics();
    // Pool = 1 subpartition × 2 + 8 floating = 10 buffers. The pool is checked before each source batch, so the
    // last batch overdraws it; with buffer timeout 0 every record is flushed into a buffer of its own.
    expect(stalled.outPoolUsage).toBe(1);
    expect(stalled.channels).toEqual([{ channel: 'e0:0>0', credit: 0, backlog: expect.any(Number), buffersSent: 0 }]);
    expect(stalled.channels[0]!.backlog).toBeGreaterThanOrEqual(10);
    expect(stalled.recordsOut).toBeLessThan(1000);

    t.advance(1000);
    expect(task.snapshotMetrics()).toMatchObject({
      backPressuredMsPerSecond: 1000,
      busyMsPerSecond: 0,
      idleMsPerSecond: 0,
    });

    t.credit(3);
    expect(t.sent.map((b) => b.backlog)).toEqual([
      stalled.channels[0]!.backlog - 1,
      stalled.channels[0]!.backlog - 2,
      stalled.channels[0]!.backlog - 3,
    ]);
    t.runMailbox();
    // Still more queued buffers than the pool holds: the source stays stopped.
    expect(task.snapshotMetrics().recordsOut).toBe(stalled.recordsOut);
    t.credit(stalled.channels[0]!.backlog);
    t.runMailbox();
    expect(task.snapshotMetrics().recordsOut).toBeGreaterThan(stalled.recordsOut);
    expect(valuesIn(t.sent)).toEqual(Array.from({ length: valuesIn(t.sent).length }, (_, i) => i + 1));

    task.cancel();
    const sentBeforeCancel = t.sent.length;
    t.credit(100);
    t.runMailbox();
    expect(t.states.at(-1)).toBe('CANCELED');
    expect(t.sent.length).toBe(sentBeforeCancel);
  });

  test('a bounded source sends every record, then end of partition, and reports FINISHED only after the last buffer left', () => {
    const t = testHost();
    const task = startStreamTask(sourceTask(500), t.host);
    t.credit(2);
    t.runMailbox();
    for (let i = 0; i < 1000 && t.states.at(-1) !== 'FINISHED'; i++) {
      expect(t.states.at(-1)).toBe('RUNNING');
      t.credit(1);
      t.runMailbox();
    }
    expect(t.states).toEqual(['DEPLOYING', 'INITIALIZING', 'RUNNING', 'FINISHED']);
    expect(valuesIn(t.sent)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(t.sent.at(-1)!.event).toBe(true);
    expect(task.snapshotMetrics()).toMatchObject({ recordsOut: 500, outPoolUsage: 0 });
  });

  test('a key selector that does not compile fails the task, naming the operator', () => {
    const t = testHost();
    const tdd = sourceTask(5);
    tdd.resultPartitions[0]!.partitioner = 'hash';
    tdd.resultPartitions[0]!.key = 'r => ';
    startStreamTask(tdd, t.host);
    expect(t.states).toEqual(['DEPLOYING', 'FAILED']);
    expect(t.failures).toEqual([
      expect.objectContaining({ operatorId: 'src', message: expect.stringContaining('does not compile') }),
    ]);
  });

  test('a job with checkpointing on a host that takes no checkpoints fails as it is deployed, not at its first barrier', () => {
    const t = testHost();
    const tdd = { ...sourceTask(5), jobConfig: { checkpointing: { intervalMs: 100, mode: 'EXACTLY_ONCE' as const } } };
    const task = startStreamTask(tdd, t.host);
    expect(t.states).toEqual(['DEPLOYING', 'FAILED']);
    expect(t.failures).toEqual([
      expect.objectContaining({
        message: "task Source#0: the job has checkpointing, but the task's host takes no checkpoints",
      }),
    ]);
    // What the host holds of it measures nothing and ignores what still comes its way.
    expect(task.snapshotMetrics()).toMatchObject({ recordsIn: 0, recordsOut: 0, channels: [], inputChannels: [] });
    task.triggerCheckpoint({ checkpointId: 1, timestamp: 0, mode: 'EXACTLY_ONCE', unaligned: false, savepoint: false });
    task.cancel();
    t.runMailbox();
    expect(t.states).toEqual(['DEPLOYING', 'FAILED']);
    expect(t.sent).toEqual([]);
  });
});
