/**
 * socket.io on the Dispatcher's HTTP server. A client subscribes to one job (or to none, with `jobId: null`);
 * it then receives that job's discrete events as they happen (after a replay of those it missed), its metrics
 * coalesced to a few frames a second, and, like every client, the cluster-wide TaskManager and slot events.
 */
import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type ServerOptions, type Socket } from 'socket.io';
import { SOCKET, encodeRuntimeEvent, subscribeSchema, type RuntimeEvent, type SubscribeAck } from '@sluice/protocol';
import { JobEventLog } from './job-event-log.js';
import { MetricsCoalescer } from './metrics-coalescer.js';
import { zodProblems } from '../zod-problems.js';

/** 250 ms: at most four metrics frames per second per job. */
const METRICS_INTERVAL_MS = 250;
const TERMINAL_STATUSES = new Set(['FINISHED', 'FAILED', 'CANCELED']);

const jobRoom = (jobId: string) => `job:${jobId}`;

export interface EventGateway {
  /** Routes one event of the cluster to the clients that want it. */
  publish(event: RuntimeEvent): void;
  close(): Promise<void>;
}

export function attachEventGateway(
  httpServer: HttpServer,
  jobExists: (jobId: string) => boolean,
  allowRequest: ServerOptions['allowRequest'],
): EventGateway {
  // No cors option: socket.io then sends no CORS headers, and allowRequest refuses foreign Hosts and Origins.
  const io = new SocketServer(httpServer, { serveClient: false, allowRequest });
  const log = new JobEventLog();
  /** Every event leaves in its wire form (metrics as columns), to a room, a socket or everyone. */
  const send = (to: { emit(event: string, payload: unknown): unknown }, event: RuntimeEvent) =>
    to.emit(SOCKET.runtimeEvent, encodeRuntimeEvent(event));
  const metrics = new MetricsCoalescer(METRICS_INTERVAL_MS, (event) => send(io.to(jobRoom(event.jobId)), event));

  io.on('connection', (socket) => {
    socket.on(SOCKET.subscribe, (payload: unknown, ack: unknown) => {
      // `emit('subscribe', ack)` without a payload hands the ack over as the first argument.
      if (typeof payload === 'function' && ack === undefined) [payload, ack] = [undefined, payload];
      const reply = (answer: SubscribeAck) => {
        if (typeof ack === 'function') ack(answer);
      };
      const parsed = subscribeSchema.safeParse(payload);
      if (!parsed.success)
        return reply({
          error: `invalid subscribe payload: ${zodProblems('subscribe', parsed.error)
            .map((p) => `${p.path}: ${p.message}`)
            .join('; ')}`,
        });
      const { jobId } = parsed.data;
      if (jobId !== null && !jobExists(jobId)) return reply({ error: `no job with id "${jobId}"` });
      subscribe(socket, jobId);
      reply({ ok: true });
    });
  });

  function subscribe(socket: Socket, jobId: string | null): void {
    for (const room of socket.rooms) if (room.startsWith('job:')) void socket.leave(room);
    if (jobId === null) return;
    // Replay and join in one turn of the event loop: no live event can fall between the two.
    for (const event of log.replay(jobId)) send(socket, event);
    void socket.join(jobRoom(jobId));
  }

  function publish(event: RuntimeEvent): void {
    // taskmanager.metrics comes twice a second per TaskManager: already a bounded rate, cluster-wide like its registration.
    switch (event.type) {
      case 'taskmanager.registered':
      case 'taskmanager.lost':
      case 'taskmanager.metrics':
      case 'slot.allocated':
      case 'slot.released':
        send(io, event);
        return;
      case 'metrics':
        metrics.add(event);
        return;
      case 'job.status':
        if (TERMINAL_STATUSES.has(event.status)) metrics.finish(event.jobId);
        // A new job: the logs of jobs expired since the last one go (checked per job, not per event).
        if (event.status === 'CREATED') log.retainJobs(jobExists);
        break;
      default:
        break;
    }
    log.append(event);
    send(io.to(jobRoom(event.jobId)), event);
  }

  async function close(): Promise<void> {
    metrics.close();
    io.disconnectSockets(true);
    // The Dispatcher closes the HTTP server itself; socket.io only has to let go of its engine.
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }

  return { publish, close };
}
