/** The TaskManager → cluster control messages as validated on arrival: what passes, and what is named when it does not. */
import { describe, expect, it } from 'vitest';
import { buildTaskDeploymentDescriptors } from '@sluice/engine';
import { validateJobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { fromTaskManagerSchema, parseMessage, toTaskManagerSchema } from '../src/rpc/messages.js';

const metrics = (task: Record<string, unknown>) => ({
  type: 'metrics',
  jobId: 'j1',
  tasks: [
    {
      vertexId: 'src',
      subtaskIndex: 0,
      recordsIn: 0,
      recordsOut: 10,
      busyMsPerSecond: 200,
      idleMsPerSecond: 800,
      backPressuredMsPerSecond: 0,
      inPoolUsage: 0,
      outPoolUsage: 0.5,
      currentInputWatermark: null,
      channels: [{ channel: 'e0:0>0', credit: 2, backlog: 1, buffersSent: 3 }],
      inputChannels: [],
      ...task,
    },
  ],
});

describe('TaskManager messages', () => {
  it('carries the final watermark +∞ of a bounded input in task metrics (§5 Watermarks)', () => {
    const message = parseMessage(fromTaskManagerSchema, metrics({ currentInputWatermark: Infinity }), 'TaskManager');
    expect(message).toEqual(metrics({ currentInputWatermark: Infinity }));
  });

  it('names the missing field of a subtask figure the protocol requires', () => {
    expect(() => parseMessage(fromTaskManagerSchema, metrics({ recordsIn: undefined }), 'TaskManager')).toThrow(
      'invalid TaskManager message at tasks.0.recordsIn: ',
    );
  });

  it('takes every task state but SCHEDULED, which only the JobMaster knows', () => {
    const state = (value: string) => ({
      type: 'taskState',
      jobId: 'j1',
      vertexId: 'src',
      subtaskIndex: 0,
      attemptNumber: 0,
      state: value,
    });
    for (const value of ['DEPLOYING', 'INITIALIZING', 'RUNNING', 'FINISHED', 'FAILED', 'CANCELED']) {
      expect(parseMessage(fromTaskManagerSchema, state(value), 'TaskManager')).toEqual(state(value));
    }
    expect(() => parseMessage(fromTaskManagerSchema, state('SCHEDULED'), 'TaskManager')).toThrow(
      'invalid TaskManager message at state: ',
    );
  });
});

describe('cluster messages', () => {
  it('a deployTask restoring from a checkpoint keeps its state and checkpoint id (§7 Recovery)', () => {
    const validation = validateJobGraph({
      version: 1,
      name: 'restored',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 9 } },
        { id: 'agg', kind: 'sum', parallelism: 1, params: {} },
        { id: 'out', kind: 'sink.discard', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'agg', partitioner: 'hash', key: '(n) => n % 2' },
        { source: 'agg', target: 'out' },
      ],
    });
    if (!validation.ok) throw new Error(JSON.stringify(validation.problems));
    const [tdd] = buildTaskDeploymentDescriptors({
      jobId: 'j1',
      graph: planExecutionGraph(validation.jobGraph),
      jobConfig: {},
      attemptNumber: 1,
      locate: () => ({ taskManagerId: 'tm-1', slotIndex: 0 }),
    });
    const restoredState = {
      operators: {
        src: { keyedState: [], operatorState: [{ next: 5, end: 9, stride: 1 }] },
        agg: { keyedState: [{ keyGroup: 3, state: { accumulator: [[1, 16]] } }], operatorState: [] },
      },
      inputChannelState: [{ channel: 'e0:0>0', elements: [{ value: 4 }] }],
    };
    const message = {
      type: 'deployTask',
      tdd: { ...tdd!, restoredState, restoredCheckpointId: 7 },
      dataPorts: { 'tm-1': 6121 },
    };
    const parsed = parseMessage(toTaskManagerSchema, message, 'cluster');
    expect(parsed.type === 'deployTask' && parsed.tdd).toMatchObject({ restoredState, restoredCheckpointId: 7 });
  });
});
