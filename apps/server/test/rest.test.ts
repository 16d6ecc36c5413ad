/** The Dispatcher's REST API over real HTTP, in front of a real local cluster (TaskManager processes). */
import { describe, expect, it } from 'vitest';
import { exampleById, EXAMPLES, type JobGraph } from '@sluice/model';
import {
  jobDetailsSchema,
  problemDetailsSchema,
  taskManagerInfoSchema,
  type JobDetails,
  type TaskManagerInfo,
} from '@sluice/protocol';
import { dispatcherForFile, multiset, request, until } from './harness.js';

const wordcount = exampleById('wordcount')!;
const figure32 = exampleById('figure-3-2')!;

/** An unbounded rate-limited sequence: runs until cancelled. */
const endless: JobGraph = {
  version: 1,
  name: 'endless',
  operators: [
    { id: 'numbers', kind: 'source.sequence', parallelism: 1, params: { from: 1, ratePerSecond: 50 } },
    { id: 'drop', kind: 'sink.discard', parallelism: 1 },
  ],
  edges: [{ source: 'numbers', target: 'drop' }],
};

const dispatcher = dispatcherForFile();

async function jobDetails(jobId: string): Promise<JobDetails> {
  const response = await request(dispatcher.url, 'GET', `/jobs/${jobId}`);
  expect(response.status).toBe(200);
  return jobDetailsSchema.parse(response.body);
}

const terminal = (jobId: string) =>
  until(async () => {
    const details = await jobDetails(jobId);
    return ['FINISHED', 'FAILED', 'CANCELED'].includes(details.status) ? details : undefined;
  });

describe('the Dispatcher binds', () => {
  it('to 127.0.0.1 by default, so user code is not exposed beyond this machine', () => {
    expect(dispatcher.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('POST /jobs', () => {
  it('rejects an invalid JobGraph with 400 and a problem per offending JSON path', async () => {
    const invalid = {
      version: 1,
      name: 'broken',
      operators: [
        { id: 'src', kind: 'source.sequence', parallelism: 0, params: { from: 1, to: 3 } },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [{ source: 'src', target: 'nowhere' }],
    };
    const response = await request(dispatcher.url, 'POST', '/jobs', invalid);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    const problem = problemDetailsSchema.parse(response.body);
    expect(problem.status).toBe(400);
    const paths = problem.problems.map((p) => p.path);
    expect(paths).toContain('$.operators[0].parallelism');
    expect(paths).toContain('$.edges[0].target');
    expect(problem.problems.find((p) => p.path === '$.edges[0].target')?.message).toContain('"nowhere"');
  });

  it('rejects a body that is not JSON with 400 naming the body', async () => {
    const response = await request(dispatcher.url, 'POST', '/jobs', '{"version": 1,');
    expect(response.status).toBe(400);
    expect(problemDetailsSchema.parse(response.body).problems[0]?.path).toBe('body');
  });

  it('runs wordcount to FINISHED with exactly the rolling counts in the collect sink', async () => {
    const submitted = await request(dispatcher.url, 'POST', '/jobs', wordcount.jobGraph);
    expect(submitted.status).toBe(201);
    const { jobId } = submitted.body as { jobId: string };
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);

    const details = await terminal(jobId);
    expect(details.status).toBe('FINISHED');
    expect(details.failure).toBeNull();
    const counts = details.sinks.counts as { word: string; count: number }[];
    expect(multiset(counts)).toEqual(multiset(wordcount.expectedSinkRecords!.counts!));
    // §3 Partitioners (hash): one word lives on one subtask, so its rolling sum reaches the sink in order.
    const to = counts.filter((r) => r.word === 'to').map((r) => r.count);
    expect(to).toEqual([1, 2, 3]);
    // lines(1) -rebalance-> tokenize(2) -hash-> count(2) -rebalance-> counts(1): four JobVertices, 6 subtasks.
    expect(details.subtasks.map((s) => `${s.vertexId}#${s.subtaskIndex}:${s.state}`).sort()).toEqual(
      ['count#0', 'count#1', 'counts#0', 'lines#0', 'tokenize#0', 'tokenize#1'].map((s) => `${s}:FINISHED`),
    );
    for (const subtask of details.subtasks) expect(subtask.taskManagerId).toMatch(/^tm-[12]$/);
  });
});

describe('GET /jobs and /jobs/:id', () => {
  it('lists submitted jobs with their status', async () => {
    const { body } = await request(dispatcher.url, 'POST', '/jobs', wordcount.jobGraph);
    const { jobId } = body as { jobId: string };
    await terminal(jobId);
    const list = await request(dispatcher.url, 'GET', '/jobs');
    expect(list.status).toBe(200);
    const overview = (list.body as { jobId: string; name: string; status: string }[]).find(
      (job) => job.jobId === jobId,
    );
    expect(overview).toMatchObject({ jobId, name: 'wordcount', status: 'FINISHED' });
  });

  it('answers 400 naming params.id for a malformed id and 404 for an unknown one', async () => {
    const malformed = await request(dispatcher.url, 'GET', '/jobs/not-a-job-id');
    expect(malformed.status).toBe(400);
    expect(problemDetailsSchema.parse(malformed.body).problems).toEqual([
      { path: 'params.id', message: 'must be a job id: 32 lowercase hexadecimal digits' },
    ]);
    const unknown = await request(dispatcher.url, 'GET', `/jobs/${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(problemDetailsSchema.parse(unknown.body).problems).toEqual([
      { path: 'params.id', message: `no job with id "${'0'.repeat(32)}"` },
    ]);
  });

  it('shows a failed task with its error and stack', async () => {
    const failing: JobGraph = {
      version: 1,
      name: 'failing',
      operators: [
        { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements: [{ value: 1 }, { value: 2 }] } },
        {
          id: 'boom',
          kind: 'map',
          parallelism: 1,
          params: { fn: "(value) => { if (value === 2) throw new Error('two is too many'); return value; }" },
        },
        { id: 'out', kind: 'sink.collect', parallelism: 1 },
      ],
      edges: [
        { source: 'src', target: 'boom' },
        { source: 'boom', target: 'out' },
      ],
    };
    const { body } = await request(dispatcher.url, 'POST', '/jobs', failing);
    const details = await terminal((body as { jobId: string }).jobId);
    expect(details.status).toBe('FAILED');
    expect(details.failure?.message).toContain('two is too many');
    expect(details.failure?.stack).toContain('two is too many');
  });
});

describe('DELETE /jobs/:id', () => {
  it('cancels a running job (202), which ends CANCELED and frees its slots; a second cancel is 409', async () => {
    const { body } = await request(dispatcher.url, 'POST', '/jobs', endless);
    const { jobId } = body as { jobId: string };
    await until(async () => ((await jobDetails(jobId)).status === 'RUNNING' ? true : undefined));

    const cancel = await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`);
    expect(cancel.status).toBe(202);
    expect(cancel.body).toEqual({ jobId });
    const details = await terminal(jobId);
    expect(details.status).toBe('CANCELED');
    const again = await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`);
    expect(again.status).toBe(409);
    expect(problemDetailsSchema.parse(again.body).problems[0]?.message).toBe(`job "${jobId}" is already CANCELED`);
    const taskManagers = await until(async () => {
      const list = taskManagerInfoSchema.array().parse((await request(dispatcher.url, 'GET', '/taskmanagers')).body);
      return list.every((tm) => tm.slots.every((slot) => slot.jobId === null)) ? list : undefined;
    });
    expect(taskManagers).toHaveLength(2);
  });
});

describe('GET /taskmanagers', () => {
  it('lists both TaskManager processes with their two slots, and the occupants of a running job', async () => {
    const idle = taskManagerInfoSchema.array().parse((await request(dispatcher.url, 'GET', '/taskmanagers')).body);
    expect(idle.map((tm) => tm.taskManagerId).sort()).toEqual(['tm-1', 'tm-2']);
    for (const tm of idle) {
      expect(tm.slots.map((slot) => slot.index)).toEqual([0, 1]);
      expect(tm.pid).not.toBe(process.pid);
      expect(() => process.kill(tm.pid, 0)).not.toThrow();
    }

    const { body } = await request(dispatcher.url, 'POST', '/jobs', endless);
    const { jobId } = body as { jobId: string };
    // §2 Slot sharing: the chain numbers -> drop (p1) takes one slot, holding subtask 0 of its one vertex.
    const busy = await until(async () => {
      const list: TaskManagerInfo[] = taskManagerInfoSchema
        .array()
        .parse((await request(dispatcher.url, 'GET', '/taskmanagers')).body);
      const slots = list.flatMap((tm) => tm.slots.filter((slot) => slot.jobId === jobId));
      return slots.length > 0 ? slots : undefined;
    });
    expect(busy).toHaveLength(1);
    expect(busy[0]?.subtasks).toEqual([{ vertexId: 'numbers', subtaskIndex: 0 }]);
    await request(dispatcher.url, 'DELETE', `/jobs/${jobId}`);
    await terminal(jobId);
  });
});

describe('GET /examples', () => {
  it('lists every built-in example with its texts and serves each JobGraph', async () => {
    const list = await request(dispatcher.url, 'GET', '/examples');
    expect(list.body).toEqual(EXAMPLES.map(({ id, title, description }) => ({ id, title, description })));
    const one = await request(dispatcher.url, 'GET', '/examples/figure-3-2');
    expect(one.body).toEqual(figure32.jobGraph);
    const missing = await request(dispatcher.url, 'GET', '/examples/no-such-example');
    expect(missing.status).toBe(404);
    expect(problemDetailsSchema.parse(missing.body).problems[0]?.path).toBe('params.id');
  });
});

describe('POST /validate and /plan', () => {
  it('validate answers 200 with the problems, empty for a valid JobGraph', async () => {
    expect((await request(dispatcher.url, 'POST', '/validate', wordcount.jobGraph)).body).toEqual({ problems: [] });
    const invalid = await request(dispatcher.url, 'POST', '/validate', { ...wordcount.jobGraph, version: 2 });
    expect(invalid.status).toBe(200);
    expect((invalid.body as { problems: { path: string }[] }).problems.map((p) => p.path)).toContain('$.version');
  });

  it('plans figure 3-2 into 4 slots (§2 Slot sharing: the largest parallelism of the one group)', async () => {
    const response = await request(dispatcher.url, 'POST', '/plan', figure32.jobGraph);
    expect(response.status).toBe(200);
    const plan = response.body as { slotsRequired: number; cliPlan: { slotsRequired: number; vertices: unknown[] } };
    expect(plan.slotsRequired).toBe(4);
    expect(plan.cliPlan.slotsRequired).toBe(4);
  });

  it('plan rejects an invalid JobGraph with 400 and its problems', async () => {
    const response = await request(dispatcher.url, 'POST', '/plan', { version: 1 });
    expect(response.status).toBe(400);
    expect(problemDetailsSchema.parse(response.body).problems.length).toBeGreaterThan(0);
  });
});
