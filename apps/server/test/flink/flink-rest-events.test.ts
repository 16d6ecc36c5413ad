/**
 * Flink's REST answers mapped onto Sluice's runtime events, against answers recorded from a real standalone Flink
 * 2.2 session cluster by `node scripts/record-flink-rest.mjs` (the backpressure-slow-sink example, its generator
 * held to 100 records a second): once while every subtask ran, once FINISHED, and a savepoint's operation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { checkpointEvents, type FlinkCheckpointEntry } from '../../src/flink/flink-checkpoint-events.js';
import type {
  FlinkJobExceptions,
  FlinkJobDetails,
  FlinkMetricValues,
  FlinkVertexDetails,
} from '../../src/flink/flink-rest-answers.js';
import {
  jobStatusEvent,
  jobStatusOf,
  sluiceVertexOf,
  subtaskMetrics,
  taskStateEvents,
  taskStateOf,
} from '../../src/flink/flink-rest-events.js';
import { savepointStatusOf, type FlinkSavepointStatus } from '../../src/flink/flink-savepoints.js';

interface Recording {
  jobGraph: JobGraph;
  job: FlinkJobDetails;
  vertices: Record<string, { details: FlinkVertexDetails; metrics: FlinkMetricValues }>;
}

const recording = (phase: 'running' | 'finished'): Recording =>
  JSON.parse(
    readFileSync(new URL(`./fixtures/backpressure-slow-sink.${phase}.json`, import.meta.url), 'utf8'),
  ) as Recording;

const running = recording('running');
const finished = recording('finished');
const plan = planExecutionGraph(running.jobGraph);

/** Each recorded Flink vertex as the mapping sees it: its Sluice vertex, subtask states and metrics. */
function mapped({ job, vertices }: Recording) {
  return job.vertices.map((flinkVertex) => {
    const vertexId = sluiceVertexOf(flinkVertex.name, plan)!;
    const { details, metrics } = vertices[flinkVertex.id]!;
    return {
      vertexId,
      states: taskStateEvents(job.jid, vertexId, details, job.now),
      metrics: subtaskMetrics(vertexId, details, metrics),
    };
  });
}

describe('Flink vertices on the drawn graph', () => {
  it('finds the Sluice vertex of "Source: generator", "enrich" and the FileSink-style "slow-sink: Writer"', () => {
    expect(running.job.vertices.map((v) => v.name)).toEqual(['Source: generator', 'enrich', 'slow-sink: Writer']);
    expect(running.job.vertices.map((v) => sluiceVertexOf(v.name, plan))).toEqual(['generator', 'enrich', 'slow-sink']);
  });

  it('names no vertex for an operator the drawn graph does not have', () => {
    expect(sluiceVertexOf('Source: elsewhere -> enrich', plan)).toBeUndefined();
  });
});

describe('job and subtask states', () => {
  it("maps Flink's JobStatus and ExecutionState onto Sluice's, and none for those Sluice has no name for", () => {
    expect(['INITIALIZING', 'CREATED', 'RUNNING', 'CANCELLING', 'FAILING', 'SUSPENDED'].map(jobStatusOf)).toEqual([
      'CREATED',
      'CREATED',
      'RUNNING',
      'CANCELING',
      undefined,
      undefined,
    ]);
    expect(['CREATED', 'DEPLOYING', 'RUNNING', 'CANCELING', 'CANCELED'].map(taskStateOf)).toEqual([
      undefined,
      'DEPLOYING',
      'RUNNING',
      undefined,
      'CANCELED',
    ]);
  });

  it('reports the recorded job RUNNING, then FINISHED, at the time Flink answered', () => {
    expect(jobStatusEvent(running.job)).toEqual({
      type: 'job.status',
      jobId: running.job.jid,
      status: 'RUNNING',
      timestamp: running.job.now,
    });
    expect(jobStatusEvent(finished.job)?.status).toBe('FINISHED');
  });

  it('gives every subtask of the plan its state and TaskManager', () => {
    const states = mapped(running).flatMap((vertex) => vertex.states);
    expect(states.map((s) => `${s.vertexId}#${s.subtaskIndex} ${s.state}`)).toEqual([
      'generator#0 RUNNING',
      'enrich#0 RUNNING',
      'enrich#1 RUNNING',
      'slow-sink#0 RUNNING',
    ]);
    for (const state of states) expect(state.taskManagerId).toMatch(/^taskmanager-\d+$/);
    expect(
      mapped(finished)
        .flatMap((vertex) => vertex.states)
        .every((s) => s.state === 'FINISHED'),
    ).toBe(true);
  });
});

describe('subtask metrics', () => {
  it('fills every running subtask from its gauges: time shares within a second, pools within [0, 1], no watermark', () => {
    const metrics = mapped(running).flatMap((vertex) => vertex.metrics);
    expect(metrics.map((m) => `${m.vertexId}#${m.subtaskIndex}`)).toEqual([
      'generator#0',
      'enrich#0',
      'enrich#1',
      'slow-sink#0',
    ]);
    for (const m of metrics) {
      // Flink's three time gauges are measured separately, each rounded: their sum may be off by a few ms.
      expect(m.busyMsPerSecond + m.idleMsPerSecond + m.backPressuredMsPerSecond).toBeLessThanOrEqual(1005);
      expect(m.busyMsPerSecond).toBeGreaterThanOrEqual(0);
      expect(m.inPoolUsage).toBeGreaterThanOrEqual(0);
      expect(m.outPoolUsage).toBeLessThanOrEqual(1);
      // The example assigns no timestamps or watermarks: Flink's Long.MIN_VALUE is no watermark.
      expect(m.currentInputWatermark).toBeNull();
    }
    // The generator reads nothing over the network; the source wrote what it had generated so far.
    const generator = metrics[0]!;
    expect(generator.recordsIn).toBe(0);
    expect(generator.recordsOut).toBeGreaterThan(0);
    expect(generator.recordsOut).toBeLessThan(2500);
  });

  it('leaves out a running subtask whose busy time Flink cannot compute yet ("NaN", as in its first second)', () => {
    const enrich = running.job.vertices.find((v) => v.name === 'enrich')!;
    const { details, metrics } = running.vertices[enrich.id]!;
    const first = metrics.map((m) => (m.id === '0.busyTimeMsPerSecond' ? { ...m, value: 'NaN' } : m));
    expect(subtaskMetrics('enrich', details, first).map((m) => m.subtaskIndex)).toEqual([1]);
  });

  it('counts the exact final records of a FINISHED job: 2500 generated, 1250 through each map, 2500 sunk', () => {
    const totals = Object.fromEntries(
      mapped(finished).map(({ vertexId, metrics }) => [vertexId, metrics.map((m) => [m.recordsIn, m.recordsOut])]),
    );
    expect(totals).toEqual({
      generator: [[0, 2500]],
      enrich: [
        [1250, 1250],
        [1250, 1250],
      ],
      'slow-sink': [[2500, 0]],
    });
  });
});

describe('a savepoint on Flink', () => {
  const recorded = JSON.parse(
    readFileSync(new URL('./fixtures/backpressure-slow-sink.savepoint.json', import.meta.url), 'utf8'),
  ) as { answers: FlinkSavepointStatus[] };

  it("reports Flink's operation IN_PROGRESS, then COMPLETED with the savepoint's location", () => {
    const [first, last] = [recorded.answers[0]!, recorded.answers.at(-1)!];
    expect(savepointStatusOf(first)).toEqual({ status: { id: 'IN_PROGRESS' }, operation: null });
    const completed = savepointStatusOf(last);
    expect(completed.status).toEqual({ id: 'COMPLETED' });
    expect(completed.operation).toEqual({ location: expect.stringMatching(/^file:\/.*\/savepoint-[0-9a-f]{6}-/) });
  });
});

describe("Flink's checkpoint history as checkpoint events", () => {
  const { history } = (finished as Recording & { checkpoints: { history: FlinkCheckpointEntry[] } }).checkpoints;
  const jobId = finished.job.jid;

  it('gives the savepoint taken while the job ran: triggered, then completed at its location', () => {
    const [savepoint] = history;
    expect(history).toHaveLength(1);
    expect(checkpointEvents(jobId, history, new Map())).toEqual([
      {
        type: 'checkpoint.triggered',
        jobId,
        checkpointId: savepoint!.id,
        timestamp: savepoint!.trigger_timestamp,
        savepoint: true,
        subtasksTotal: 4,
      },
      {
        type: 'checkpoint.completed',
        jobId,
        checkpointId: savepoint!.id,
        savepoint: true,
        timestamp: savepoint!.latest_ack_timestamp,
        durationMs: savepoint!.end_to_end_duration,
        stateSizeBytes: savepoint!.state_size,
        path: expect.stringMatching(/\/savepoint-[0-9a-f]{6}-/),
      },
    ]);
  });

  it('publishes each event once: nothing again after completed, only completed after triggered', () => {
    const id = history[0]!.id;
    expect(checkpointEvents(jobId, history, new Map([[id, 'completed']]))).toEqual([]);
    expect(checkpointEvents(jobId, history, new Map([[id, 'triggered']])).map((e) => e.type)).toEqual([
      'checkpoint.completed',
    ]);
  });
});

describe('a job Flink failed', () => {
  const recorded = JSON.parse(
    readFileSync(new URL('./fixtures/backpressure-slow-sink.failed.json', import.meta.url), 'utf8'),
  ) as { exceptions: FlinkJobExceptions };

  it("names the user function's error in the FAILED status", () => {
    const details = { ...finished.job, state: 'FAILED' };
    const event = jobStatusEvent(details, recorded.exceptions);
    expect(event?.status).toBe('FAILED');
    // enrich's function throws `new Error('no ' + r.key)` for the first record it gets; Flink records the failure
    // as the job's (no restarts without checkpointing), with the JavaScript error as its innermost cause.
    expect(event?.message).toMatch(/^org\.graalvm\.polyglot\.PolyglotException: .*Error: no key-\d+$/);
  });
});
