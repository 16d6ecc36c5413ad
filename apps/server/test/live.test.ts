/** socket.io on the Dispatcher, with a real socket.io-client against a real cluster. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { exampleById } from '@sluice/model';
import {
  decodeRuntimeEvent,
  runtimeEventSchema,
  SOCKET,
  subscribeAckSchema,
  type RuntimeEvent,
  type SubscribeAck,
} from '@sluice/protocol';
import type { Dispatcher } from '../src/server.js';
import { request, startDispatcher, until } from './harness.js';

const figure32 = exampleById('figure-3-2')!;
const METRICS_FRAMES_PER_SECOND = 4;

let dispatcher: Dispatcher;
const sockets: Socket[] = [];

beforeAll(async () => {
  dispatcher = await startDispatcher();
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await dispatcher?.close();
});

interface Received {
  event: RuntimeEvent;
  at: number;
}

async function connect(): Promise<{ socket: Socket; received: Received[] }> {
  const socket = io(dispatcher.url, { transports: ['websocket'] });
  sockets.push(socket);
  const received: Received[] = [];
  // Every frame must be a valid RuntimeEvent: parse, never cast.
  socket.on(SOCKET.runtimeEvent, (payload: unknown) =>
    received.push({ event: runtimeEventSchema.parse(decodeRuntimeEvent(payload)), at: Date.now() }),
  );
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
  return { socket, received };
}

const subscribe = (socket: Socket, payload: unknown): Promise<SubscribeAck> =>
  new Promise((resolve) =>
    socket.emit(SOCKET.subscribe, payload, (ack: unknown) => resolve(subscribeAckSchema.parse(ack))),
  );

const ofJob = (received: Received[], jobId: string) =>
  received.filter(({ event }) => 'jobId' in event && event.jobId === jobId);

async function submit(): Promise<string> {
  const { status, body } = await request(dispatcher.url, 'POST', '/jobs', figure32.jobGraph);
  expect(status).toBe(201);
  return (body as { jobId: string }).jobId;
}

const statusesOf = (received: Received[], jobId: string) =>
  ofJob(received, jobId).flatMap(({ event }) => (event.type === 'job.status' ? [event.status] : []));

describe('socket.io runtime events', () => {
  it('rejects a malformed subscribe payload and an unknown job id in the ack', async () => {
    const { socket } = await connect();
    const malformed = await subscribe(socket, { jobId: 42 });
    expect('error' in malformed && malformed.error).toMatch(/^invalid subscribe payload: subscribe\.jobId: /);
    expect(await subscribe(socket, { jobId: 'f'.repeat(32) })).toEqual({ error: `no job with id "${'f'.repeat(32)}"` });
  });

  it('streams job.status, slot.allocated and coalesced metrics (at most 4 frames a second) of a subscribed job', async () => {
    const { socket, received } = await connect();
    const jobId = await submit();
    expect(await subscribe(socket, { jobId })).toEqual({ ok: true });
    await until(() => (statusesOf(received, jobId).includes('FINISHED') ? true : undefined));
    // Let a final metrics frame scheduled after the last status arrive too.
    await new Promise((resolve) => setTimeout(resolve, 600));

    expect(statusesOf(received, jobId)).toEqual(['CREATED', 'RUNNING', 'FINISHED']);
    // §2 Slot sharing: figure 3-2 needs 4 slots, all taken at once (2 TaskManagers × 2 slots).
    const allocated = ofJob(received, jobId).filter(({ event }) => event.type === 'slot.allocated');
    const slots = new Set(
      allocated.map(({ event }) =>
        event.type === 'slot.allocated' ? `${event.taskManagerId}/${event.slotIndex}` : '',
      ),
    );
    expect(slots).toEqual(new Set(['tm-1/0', 'tm-1/1', 'tm-2/0', 'tm-2/1']));

    const metrics = ofJob(received, jobId).filter(({ event }) => event.type === 'metrics');
    // The job runs about 3 s on its rate-limited sources: several frames, never more than 4 in any second.
    expect(metrics.length).toBeGreaterThanOrEqual(3);
    // Frames leave the server ≥ 250 ms apart; arrival times jitter a little, so allow 50 ms per window of 4.
    for (let i = METRICS_FRAMES_PER_SECOND; i < metrics.length; i++) {
      expect(metrics[i]!.at - metrics[i - METRICS_FRAMES_PER_SECOND]!.at).toBeGreaterThanOrEqual(1000 - 50);
    }
    const last = metrics.at(-1)!.event;
    if (last.type !== 'metrics') throw new Error('unreachable');
    expect(last.subtasks.length).toBeGreaterThan(0);
  });

  it('replays the events of a job that already ended to a late subscriber, in their original order', async () => {
    const watcher = await connect();
    const jobId = await submit();
    expect(await subscribe(watcher.socket, { jobId })).toEqual({ ok: true });
    await until(() => (statusesOf(watcher.received, jobId).includes('FINISHED') ? true : undefined));

    const late = await connect();
    expect(await subscribe(late.socket, { jobId })).toEqual({ ok: true });
    const discrete = (received: Received[]) =>
      ofJob(received, jobId)
        .map(({ event }) => event)
        .filter((event) =>
          ['job.status', 'task.state', 'task.failed', 'sink.records', 'sink.print'].includes(event.type),
        );
    await until(() => (discrete(late.received).length === discrete(watcher.received).length ? true : undefined));
    expect(discrete(late.received)).toEqual(discrete(watcher.received));
    const records = discrete(late.received).flatMap((event) => (event.type === 'sink.records' ? event.values : []));
    expect(records.length).toBe(figure32.expectedSinkRecords!.E!.length);
  });
});
