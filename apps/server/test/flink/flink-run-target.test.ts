/**
 * POST /jobs?target=flink-url on a real standalone Flink session cluster (Flink's own JVMs, as `pnpm flink-cluster
 * start` runs them): the server uploads the runner jar, runs the JobGraph there, and mirrors the job over socket.io as
 * the same runtime events the local cluster emits, on the drawn graph's vertex ids. A cluster that is down gets a
 * 502 naming it. Where no JDK is installed the suite prints "skipped: no JDK" and is skipped.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleById } from '@sluice/model';
import {
  decodeRuntimeEvent,
  runtimeEventSchema,
  SOCKET,
  type RuntimeEvent,
  type RuntimeEventOf,
} from '@sluice/protocol';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { startFlinkCluster } from '../../../../scripts/lib/flink-cluster/cluster.mjs';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { findJdk, NO_JDK } from '../../../../scripts/lib/java.mjs';
// @ts-expect-error: a plain .mjs helper of the setup scripts, without types
import { freePort } from '../../../../scripts/lib/ports.mjs';
import type { Dispatcher } from '../../src/server.js';
import { request, startDispatcher, tempDir, until } from '../harness.js';

const jdk = findJdk() as unknown;
if (!jdk) console.log(NO_JDK);

const wordcount = exampleById('wordcount')!.jobGraph;

describe.skipIf(!jdk)('run target flink-url: a job on a Flink session cluster, watched as Sluice events', () => {
  let cluster: { restUrl: string; stop(): Promise<number[]> };
  let dispatcher: Dispatcher;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    cluster = await startFlinkCluster({
      taskManagers: 2,
      slots: 2,
      port: 0,
      dataDir: join(tempDir('flink-target'), 'cluster'),
    });
    dispatcher = await startDispatcher();
  }, 300_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await dispatcher?.close();
    await cluster?.stop();
  }, 120_000);

  /** Every event of the job, replayed from its start and then live; each frame parsed, never cast. */
  function follow(jobId: string): RuntimeEvent[] {
    const events: RuntimeEvent[] = [];
    const socket = io(dispatcher.url, { transports: ['websocket'] });
    sockets.push(socket);
    socket.on(SOCKET.runtimeEvent, (payload: unknown) =>
      events.push(runtimeEventSchema.parse(decodeRuntimeEvent(payload))),
    );
    socket.emit(SOCKET.subscribe, { jobId });
    return events;
  }

  const ofType = <T extends RuntimeEvent['type']>(events: RuntimeEvent[], type: T) =>
    events.filter((event): event is RuntimeEventOf<T> => event.type === type);

  it('runs wordcount: RUNNING then FINISHED, every subtask on the drawn vertices, the records counted', async () => {
    const submitted = await request(
      dispatcher.url,
      'POST',
      `/jobs?target=flink-url&flinkUrl=${encodeURIComponent(cluster.restUrl)}`,
      wordcount,
    );
    expect(submitted.status).toBe(201);
    const { jobId } = submitted.body as { jobId: string };
    const events = follow(jobId);
    await until(() => events.find((e) => e.type === 'job.status' && e.status === 'FINISHED'), 120_000);

    // The job's own id on Flink, the one Flink's REST API knows it by.
    const onFlink = (await (await fetch(`${cluster.restUrl}/jobs/${jobId}`)).json()) as { state: string };
    expect(onFlink.state).toBe('FINISHED');

    const statuses = ofType(events, 'job.status').map((e) => e.status);
    expect(statuses[0]).toBe('CREATED');
    expect(statuses.at(-1)).toBe('FINISHED');
    // RUNNING is seen unless the job ended between two polls; a FINISHED job went through it on Flink either way.
    expect(statuses.filter((s) => s !== 'CREATED' && s !== 'RUNNING' && s !== 'FINISHED')).toEqual([]);

    // Each subtask of Sluice's plan (lines ×1, tokenize ×2, count ×2, counts ×1) ends FINISHED, under Sluice's vertex ids.
    const finalStates = new Map<string, string>();
    for (const e of ofType(events, 'task.state')) finalStates.set(`${e.vertexId}#${e.subtaskIndex}`, e.state);
    expect(Object.fromEntries(finalStates)).toEqual({
      'lines#0': 'FINISHED',
      'tokenize#0': 'FINISHED',
      'tokenize#1': 'FINISHED',
      'count#0': 'FINISHED',
      'count#1': 'FINISHED',
      'counts#0': 'FINISHED',
    });

    // The last metrics frame holds the exact final counts: 3 lines, 18 words, all 18 counted and sunk.
    const last = ofType(events, 'metrics').at(-1)!;
    const total = (vertexId: string, field: 'recordsIn' | 'recordsOut') =>
      last.subtasks.filter((s) => s.vertexId === vertexId).reduce((sum, s) => sum + s[field], 0);
    expect(total('lines', 'recordsOut')).toBe(3);
    expect(total('tokenize', 'recordsIn')).toBe(3);
    expect(total('tokenize', 'recordsOut')).toBe(18);
    expect(total('count', 'recordsIn')).toBe(18);
    // sum is a rolling aggregate: one running count per word reaches the sink.
    expect(total('count', 'recordsOut')).toBe(18);
    expect(total('counts', 'recordsIn')).toBe(18);
    // Flink exposes no per-channel credits, backlog or buffers in flight.
    expect(last.channels).toEqual([]);
  }, 180_000);

  it('answers 502 naming the cluster when nothing listens at the Flink URL', async () => {
    const down = `http://127.0.0.1:${(await freePort()) as number}`;
    const answer = await request(
      dispatcher.url,
      'POST',
      `/jobs?target=flink-url&flinkUrl=${encodeURIComponent(down)}`,
      wordcount,
    );
    expect(answer.status).toBe(502);
    const { problems } = answer.body as { problems: { path: string; message: string }[] };
    expect(problems).toEqual([
      {
        path: 'query.target',
        message: expect.stringMatching(
          new RegExp(`^the Flink cluster at ${down} is not reachable \\(ECONNREFUSED\\)$`),
        ),
      },
    ]);
  });

  it('refuses a flink-url target without its URL, naming the field', async () => {
    const answer = await request(dispatcher.url, 'POST', '/jobs?target=flink-url', wordcount);
    expect(answer.status).toBe(400);
    expect((answer.body as { problems: unknown[] }).problems).toEqual([
      { path: 'query.flinkUrl', message: 'is required with target=flink-url' },
    ]);
  });
});

describe.skipIf(!jdk)('run target flink-embedded: a session cluster the server starts and stops', () => {
  /** The embedded cluster's JVMs carry their configuration folder, under a sluice-flink-embedded-* temp folder. */
  const embeddedJvms = () =>
    execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(`${tmpdir()}/sluice-flink-embedded-`) && line.includes('java'));

  it('starts the cluster on the first job, runs it to FINISHED, and ends its JVMs when the server closes', async () => {
    const before = new Set(embeddedJvms());
    const dispatcher = await startDispatcher();
    try {
      const submitted = await request(dispatcher.url, 'POST', '/jobs?target=flink-embedded', wordcount);
      expect(submitted.status).toBe(201);
      const { jobId } = submitted.body as { jobId: string };
      const statuses: string[] = [];
      const socket = io(dispatcher.url, { transports: ['websocket'] });
      try {
        socket.on(SOCKET.runtimeEvent, (payload: unknown) => {
          const event = runtimeEventSchema.parse(decodeRuntimeEvent(payload));
          if (event.type === 'job.status') statuses.push(event.status);
        });
        socket.emit(SOCKET.subscribe, { jobId });
        await until(() => (statuses.includes('FINISHED') ? true : undefined), 120_000);
      } finally {
        socket.close();
      }
      // A JobManager and the two TaskManagers of the default shape.
      expect(embeddedJvms().filter((line) => !before.has(line))).toHaveLength(3);
    } finally {
      await dispatcher.close();
    }
    expect(embeddedJvms().filter((line) => !before.has(line))).toEqual([]);
  }, 400_000);
});
