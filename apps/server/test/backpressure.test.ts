/**
 * Flink's backpressure endpoint and the TaskManagers' buffer pools over real HTTP, in front of a real cluster
 * running a job whose sink is far slower than its source (§4 Backpressure).
 */
import { describe, expect, it } from 'vitest';
import type { JobGraph } from '@sluice/model';
import {
  backpressureLevel,
  jobSubmitResponseSchema,
  jobVertexBackPressureSchema,
  problemDetailsSchema,
  taskManagerInfoSchema,
  type JobVertexBackPressure,
} from '@sluice/protocol';
import { dispatcherForFile, request, until } from './harness.js';

const BUFFER_SIZE = 1024;

/** A generator that could emit 100,000 records/s into a sink that takes 1 ms per record: runs until canceled. */
const slowSink: JobGraph = {
  version: 1,
  name: 'slow sink',
  config: { bufferSizeBytes: BUFFER_SIZE },
  operators: [
    {
      id: 'gen',
      kind: 'source.datagen',
      parallelism: 1,
      params: { ratePerSecond: 100_000, keys: 4, maxOutOfOrdernessMs: 0, seed: 5 },
    },
    { id: 'sink', kind: 'sink.discard', parallelism: 1, slowdownMs: 1 },
  ],
  edges: [{ source: 'gen', target: 'sink', partitioner: 'rebalance' }],
};

const dispatcher = dispatcherForFile();

describe('backpressure levels (§4 Backpressure)', () => {
  it("follow Flink's thresholds: ok ≤ 0.10 < low ≤ 0.50 < high", () => {
    expect([0, 0.1, 0.1001, 0.5, 0.5001, 1].map(backpressureLevel)).toEqual(['ok', 'ok', 'low', 'low', 'high', 'high']);
  });
});

describe('GET /jobs/:id/vertices/:vid/backpressure and GET /taskmanagers', () => {
  it("shows the slow sink's upstream HIGH, the sink busy, and the two tasks' buffers reserved in the TaskManagers' pools", async () => {
    const { jobId } = jobSubmitResponseSchema.parse((await request(dispatcher.url, 'POST', '/jobs', slowSink)).body);
    const backPressureOf = async (vertexId: string): Promise<JobVertexBackPressure> =>
      jobVertexBackPressureSchema.parse(
        (await request(dispatcher.url, 'GET', `/jobs/${jobId}/vertices/${vertexId}/backpressure`)).body,
      );

    // The generator fills the buffers at once, even before the sink runs; wait for the sink to be at work too.
    const [gen, sink] = await until(async () => {
      const answers = [await backPressureOf('gen'), await backPressureOf('sink')] as const;
      return answers[0].backpressureLevel === 'high' && (answers[1].subtasks[0]?.busyRatio ?? 0) > 0.8
        ? answers
        : undefined;
    });
    expect(gen.status).toBe('ok');
    expect(gen.subtasks).toHaveLength(1);
    const [subtask] = gen.subtasks;
    expect(subtask!.subtask).toBe(0);
    expect(subtask!.backpressureLevel).toBe('high');
    expect(subtask!.ratio).toBeGreaterThan(0.5);
    // Backpressured time is neither busy nor idle: the three shares of a second add up to one.
    expect(subtask!.ratio + subtask!.busyRatio + subtask!.idleRatio).toBeCloseTo(1, 1);

    // The sink has no output to wait for: never backpressured, busy with its 1 ms per record.
    expect(sink.backpressureLevel).toBe('ok');
    expect(sink.subtasks[0]!.ratio).toBe(0);

    const taskManagers = await until(async () => {
      const list = taskManagerInfoSchema.array().parse((await request(dispatcher.url, 'GET', '/taskmanagers')).body);
      return list.every((tm) => tm.metrics !== null) ? list : undefined;
    });
    for (const tm of taskManagers) expect(tm.metrics!.bufferPool.totalBytes).toBe(64 * 1024 * 1024);
    // The generator's output pool (1 channel × 2 + 8 floating) and the sink's input buffers (2 exclusive + 8 floating).
    const reserved = taskManagers.reduce((n, tm) => n + tm.metrics!.bufferPool.reservedBytes, 0);
    expect(reserved).toBe((2 + 8 + (2 + 8)) * BUFFER_SIZE);

    expect((await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`)).status).toBe(202);
  });

  it('answers 404 naming params.vid for a vertex the job does not have, 400 for a malformed job id', async () => {
    const { jobId } = jobSubmitResponseSchema.parse((await request(dispatcher.url, 'POST', '/jobs', slowSink)).body);
    const unknown = await request(dispatcher.url, 'GET', `/jobs/${jobId}/vertices/nope/backpressure`);
    expect(unknown.status).toBe(404);
    expect(problemDetailsSchema.parse(unknown.body).problems).toEqual([
      { path: 'params.vid', message: `job "${jobId}" has no vertex "nope"` },
    ]);
    const malformed = await request(dispatcher.url, 'GET', '/jobs/xyz/vertices/gen/backpressure');
    expect(malformed.status).toBe(400);
    expect(problemDetailsSchema.parse(malformed.body).problems[0]!.path).toBe('params.id');
    await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`);
  });
});
