/**
 * Property tests over what anyone may send (issue 11, point 5): arbitrary JSON, JobGraphs with arbitrary JSON
 * in any field, values nested thousands deep, huge values, and arbitrary socket.io payloads. Every answer is a
 * documented status and never a 5xx; afterwards the Dispatcher still runs a job to its exact result.
 */
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { jobSubmitResponseSchema, type JobDetails } from '@sluice/protocol';
import { dispatcherForFile, multiset, request, until } from '../harness.js';

const dispatcher = dispatcherForFile();
const wordcount = exampleById('wordcount')!.jobGraph;

/** What POST /jobs, /plan and /validate may answer (openapi.ts). */
const DOCUMENTED = { '/jobs': [201, 400, 413], '/plan': [200, 400, 413], '/validate': [200, 400, 413] } as const;
const ROUTES = Object.keys(DOCUMENTED) as (keyof typeof DOCUMENTED)[];

/**
 * Posts `body` as JSON, or `text` itself; jobs a property submitted by chance (a valid JobGraph) are cancelled,
 * so they do not pile up.
 */
async function answer(
  route: keyof typeof DOCUMENTED,
  body: unknown,
  text = JSON.stringify(body) ?? 'null',
): Promise<number> {
  const response = await request(dispatcher.url, 'POST', route, text);
  if (route === '/jobs' && response.status === 201)
    await request(dispatcher.url, 'DELETE', `/jobs/${jobSubmitResponseSchema.parse(response.body).jobId}`);
  return response.status;
}

/**
 * The JSON text of a value nested `depth` levels deep, arrays or objects as the bits of `shape` say: built as
 * text, since JSON.stringify itself recurses and overflows the test's stack on such a value.
 */
function nestedJson(depth: number, shape: number): string {
  const isArray = (i: number) => ((shape >> (i % 31)) & 1) === 1;
  let text = '';
  for (let i = 0; i < depth; i++) text += isArray(i) ? '[' : '{"k":';
  text += 'null';
  for (let i = depth - 1; i >= 0; i--) text += isArray(i) ? ']' : '}';
  return text;
}
const DEEP = '<deep value>';

/** The JobGraph with `value` put at one of its places, as a user might mistype it. */
const PLACES: ((graph: JobGraph, value: unknown) => void)[] = [
  (g, v) => Object.assign(g, { name: v }),
  (g, v) => Object.assign(g, { config: v }),
  (g, v) => Object.assign(g, { config: { checkpointing: v } }),
  (g, v) => Object.assign(g.operators[0]!, { params: v }),
  (g, v) => Object.assign(g.operators[1]!, { parallelism: v }),
  (g, v) => Object.assign(g.operators[1]!, { params: { fn: v } }),
  (g, v) => Object.assign(g.operators[2]!, { kind: v }),
  (g, v) => Object.assign(g.edges[0]!, { key: v, partitioner: 'hash' }),
  (g, v) => Object.assign(g.edges[1]!, { source: v }),
  (g, v) => g.operators.push(v as JobGraph['operators'][number]),
  (g, v) => g.edges.push(v as JobGraph['edges'][number]),
];

const RUNS = { numRuns: 60 };

describe('POST /jobs, /plan and /validate', () => {
  it('answer arbitrary JSON with a documented status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.jsonValue(), async (route, body) => {
        expect(DOCUMENTED[route]).toContain(await answer(route, body));
      }),
      RUNS,
    );
  });

  it('answer a JobGraph with arbitrary JSON in any field with a documented status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.nat(PLACES.length - 1),
        fc.jsonValue({ maxDepth: 4 }),
        async (route, place, value) => {
          const graph = structuredClone(wordcount);
          PLACES[place]!(graph, value);
          expect(DOCUMENTED[route]).toContain(await answer(route, graph));
        },
      ),
      RUNS,
    );
  });

  it('refuse values nested up to 5,000 deep anywhere in a JobGraph', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.nat(PLACES.length - 1),
        fc.integer({ min: 65, max: 5_000 }),
        fc.nat(),
        async (route, place, depth, shape) => {
          const graph = structuredClone(wordcount);
          PLACES[place]!(graph, DEEP);
          const text = JSON.stringify(graph).replace(JSON.stringify(DEEP), nestedJson(depth, shape));
          const status = await answer(route, undefined, text);
          expect(status).toBe(route === '/validate' ? 200 : 400);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('answer huge values (long strings, long arrays, bodies over the limit) with a documented status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.nat(PLACES.length - 1),
        fc.oneof(
          fc.integer({ min: 60_000, max: 2_000_000 }).map((length) => 'x'.repeat(length)),
          fc.integer({ min: 1_000, max: 200_000 }).map((length) => Array.from({ length }, (_, i) => i)),
        ),
        async (route, place, value) => {
          const graph = structuredClone(wordcount);
          PLACES[place]!(graph, value);
          expect(DOCUMENTED[route]).toContain(await answer(route, graph));
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('socket.io', () => {
  let socket: Socket;
  beforeAll(async () => {
    socket = io(dispatcher.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
  });
  afterAll(() => socket.close());

  it('acknowledges every subscribe payload, arbitrary or not, and ignores unknown events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), fc.jsonValue(), async (payload, event, other) => {
        socket.emit(event === 'subscribe' ? 'unknown' : event, other);
        const ack = (await socket.timeout(10_000).emitWithAck('subscribe', payload)) as Record<string, unknown>;
        expect(ack.ok === true || typeof ack.error === 'string').toBe(true);
      }),
      RUNS,
    );
    expect(socket.connected).toBe(true);
  });
});

describe('after the properties', () => {
  it('the Dispatcher runs wordcount to its exact result', async () => {
    const { body } = await request(dispatcher.url, 'POST', '/jobs', wordcount);
    const { jobId } = jobSubmitResponseSchema.parse(body);
    const details = await until(async () => {
      const job = (await request(dispatcher.url, 'GET', `/jobs/${jobId}`)).body as JobDetails;
      return ['FINISHED', 'FAILED', 'CANCELED'].includes(job.status) ? job : undefined;
    });
    expect(details.status).toBe('FINISHED');
    expect(multiset(details.sinks.counts!)).toEqual(multiset(exampleById('wordcount')!.expectedSinkRecords!.counts!));
  });
});
