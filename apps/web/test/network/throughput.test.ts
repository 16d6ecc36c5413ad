import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import type { ChannelMetricsView, RuntimeEvent, SubtaskMetrics } from '@sluice/protocol';
import { edgeNetwork, type NetworkEdge } from '../../src/network/edge-network';
import { operatorBackpressure, operatorBackpressureLevel } from '../../src/network/operator-network';
import { createEditorStore } from '../../src/store/editor';
import { metricsFrame, subtaskMetrics } from '../support/metrics';

type Counts = Partial<SubtaskMetrics> & Pick<SubtaskMetrics, 'vertexId' | 'subtaskIndex'>;

/** A report in which a subtask not said to be busy spent its second idle. */
const frame = (
  jobId: string,
  timestamp: number,
  subtasks: Counts[],
  channels: ChannelMetricsView[] = [],
): RuntimeEvent =>
  metricsFrame(
    jobId,
    timestamp,
    subtasks.map((figures) => subtaskMetrics({ idleMsPerSecond: 1000, ...figures })),
    channels,
  );

// src ×1 → map ×2 (rebalance: a network edge) → fmt ×2 (forward: chained) → out ×1 (rebalance).
const pipeline: JobGraph = {
  version: 1,
  name: 'pipeline',
  operators: [
    { id: 'src', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 1000 } },
    { id: 'map', kind: 'map', parallelism: 2, params: { fn: 'x => x' } },
    { id: 'fmt', kind: 'map', parallelism: 2, params: { fn: 'x => String(x)' } },
    { id: 'out', kind: 'sink.discard', parallelism: 1 },
  ],
  edges: [
    { source: 'src', target: 'map' },
    { source: 'map', target: 'fmt' },
    { source: 'fmt', target: 'out' },
  ],
};

function started(graph: JobGraph) {
  const store = createEditorStore(graph);
  const plan = planExecutionGraph(graph);
  store.getState().jobSubmitted('j1', plan);
  const figures = (source: string, target: string) => {
    const { job, network } = store.getState();
    return edgeNetwork(plan, source, target, network!, job!.taskStates);
  };
  return { store, plan, send: (event: RuntimeEvent) => store.getState().runtimeEvent(event), figures };
}

describe('edge throughput from cumulative counters', () => {
  it("measures records/s between two reports of each subtask, by the frames' own timestamps, summed over the receiver's subtasks", () => {
    const { plan, send, figures } = started(pipeline);
    expect(plan.vertices.map((v) => v.operators)).toEqual([['src'], ['map', 'fmt'], ['out']]);
    send(
      frame('j1', 10_000, [
        { vertexId: 'map', subtaskIndex: 0, recordsIn: 100 },
        { vertexId: 'map', subtaskIndex: 1, recordsIn: 40 },
      ]),
    );
    expect((figures('src', 'map') as NetworkEdge).recordsPerSecond).toBeNull(); // one report: no span yet
    // Frames carry only the subtasks that reported since the last one: subtask 1 keeps its figures.
    send(frame('j1', 10_500, [{ vertexId: 'map', subtaskIndex: 0, recordsIn: 600 }]));
    expect((figures('src', 'map') as NetworkEdge).recordsPerSecond).toBe(1000);
    send(frame('j1', 11_000, [{ vertexId: 'map', subtaskIndex: 1, recordsIn: 290 }]));
    expect((figures('src', 'map') as NetworkEdge).recordsPerSecond).toBe(1000 + 250);
    send(frame('other-job', 11_000, [{ vertexId: 'map', subtaskIndex: 1, recordsIn: 99_999 }]));
    expect((figures('src', 'map') as NetworkEdge).recordsPerSecond).toBe(1250);
  });

  it('shows a chained edge as chained (§1 Operator chaining: no buffers inside a chain) and knows no edge the plan lacks', () => {
    const { figures } = started(pipeline);
    expect(figures('map', 'fmt')).toEqual({ kind: 'chained' });
    expect(figures('src', 'out')).toBeNull();
  });

  it('counts a subtask that ended as moving nothing, and leaves its buffers and backpressure out', () => {
    const { send, figures, store, plan } = started(pipeline);
    const map = (subtaskIndex: number, recordsIn: number, backPressuredMsPerSecond: number, outPoolUsage: number) => ({
      vertexId: 'map',
      subtaskIndex,
      recordsIn,
      backPressuredMsPerSecond,
      busyMsPerSecond: 1000 - backPressuredMsPerSecond,
      idleMsPerSecond: 0,
      outPoolUsage,
    });
    send(frame('j1', 0, [map(0, 0, 900, 1), map(1, 0, 200, 0.25)]));
    send(frame('j1', 1000, [map(0, 300, 900, 1), map(1, 700, 200, 0.25)]));
    expect(figures('fmt', 'out')).toMatchObject({ kind: 'network', outPoolUsage: 1 });
    expect(
      operatorBackpressure(plan, store.getState().network!, store.getState().job!.taskStates, 'fmt'),
    ).toMatchObject({ level: 'high', worstSubtask: 0 });
    // The node's colour takes the same level without the per-subtask figures.
    expect(operatorBackpressureLevel(plan, store.getState().network!, store.getState().job!.taskStates, 'fmt')).toBe(
      'high',
    );
    expect(
      operatorBackpressureLevel(plan, store.getState().network!, store.getState().job!.taskStates, 'src'),
    ).toBeNull(); // src has not reported
    expect((figures('src', 'map') as NetworkEdge).recordsPerSecond).toBe(1000);

    send({ type: 'task.state', jobId: 'j1', vertexId: 'map', subtaskIndex: 0, state: 'FINISHED', timestamp: 1001 });
    expect((figures('src', 'map') as NetworkEdge).recordsPerSecond).toBe(700);
    expect(figures('fmt', 'out')).toMatchObject({ outPoolUsage: 0.25 });
    expect(
      operatorBackpressure(plan, store.getState().network!, store.getState().job!.taskStates, 'fmt'),
    ).toMatchObject({ level: 'low', worstSubtask: 1 });
    expect(operatorBackpressureLevel(plan, store.getState().network!, store.getState().job!.taskStates, 'fmt')).toBe(
      'low',
    );
  });

  it("takes the sender's records out when the receiver has other inputs, and gives up when neither counter sees the edge alone", () => {
    const union: JobGraph = {
      version: 1,
      name: 'union',
      operators: [
        { id: 'a', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 10 } },
        { id: 'b', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: 10 } },
        { id: 'u', kind: 'map', parallelism: 2, params: { fn: 'v => v' } },
        { id: 'out', kind: 'sink.discard', parallelism: 2 },
        { id: 'tap', kind: 'sink.discard', parallelism: 1 },
      ],
      edges: [
        { source: 'a', target: 'u' },
        { source: 'b', target: 'u' },
        { source: 'u', target: 'out' },
        { source: 'b', target: 'tap', partitioner: 'rebalance' },
      ],
    };
    const { send, figures } = started(union);
    send(
      frame('j1', 0, [
        { vertexId: 'a', subtaskIndex: 0 },
        { vertexId: 'b', subtaskIndex: 0 },
        { vertexId: 'u', subtaskIndex: 0 },
      ]),
    );
    send(
      frame('j1', 2000, [
        { vertexId: 'a', subtaskIndex: 0, recordsOut: 10 },
        { vertexId: 'b', subtaskIndex: 0, recordsOut: 20 },
        { vertexId: 'u', subtaskIndex: 0, recordsIn: 30 },
      ]),
    );
    expect((figures('a', 'u') as NetworkEdge).recordsPerSecond).toBe(5);
    // b feeds both u and tap: its records out mix the two edges, and u's records in mix a and b.
    expect((figures('b', 'u') as NetworkEdge).recordsPerSecond).toBeNull();
  });

  it("lists an edge's channels one per subtask pair, in subtask order, with the latest credit and backlog (§4 Credit-based flow control)", () => {
    const { send, figures } = started(pipeline);
    const channel = (
      sourceSubtask: number,
      targetSubtask: number,
      credit: number,
      backlog: number,
    ): ChannelMetricsView => ({
      sourceVertexId: 'src',
      sourceSubtask,
      targetVertexId: 'map',
      targetSubtask,
      credit,
      backlog,
      buffersInFlight: 2 - credit,
    });
    send(frame('j1', 0, [], [channel(0, 1, 2, 0), channel(0, 0, 2, 0)]));
    send(frame('j1', 250, [], [channel(0, 1, 0, 7)]));
    expect(
      (figures('src', 'map') as NetworkEdge).channels.map((c) => [
        c.targetSubtask,
        c.credit,
        c.backlog,
        c.buffersInFlight,
      ]),
    ).toEqual([
      [0, 2, 0, 0],
      [1, 0, 7, 2],
    ]);
  });
});
