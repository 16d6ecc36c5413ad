/**
 * The socket.io link to the Dispatcher. The server emits every RuntimeEvent on one event name;
 * the client says which job it watches with `subscribe`, and says it again after a reconnect,
 * because the server forgets a socket's subscription when the socket drops. Every subscription
 * replays the job's events from its start, then goes live.
 */
import { io, type Socket } from 'socket.io-client';
import { SOCKET, decodeRuntimeEvent, runtimeEventSchema, type RuntimeEvent } from '@sluice/protocol';

export interface RuntimeConnection {
  subscribe: (jobId: string | null) => void;
  close: () => void;
}

/**
 * Delivers each received payload in a task of its own, after the one that received it. The socket's task already
 * receives and parses the frame (for a job of thousands of subtasks a large share of a frame's budget); validating,
 * folding into the store and rendering in that same task would make one long frame of the two. Payloads keep their
 * order, one per task; flush() delivers what is still queued at once.
 */
function taskQueue(deliver: (payload: unknown) => void): {
  push: (payload: unknown) => void;
  flush: () => void;
  close: () => void;
} {
  const pending: unknown[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (pending.length > 0) deliver(pending.shift());
  };
  return {
    push: (payload) => {
      pending.push(payload);
      channel.port2.postMessage(null);
    },
    flush: () => {
      while (pending.length > 0) deliver(pending.shift());
    },
    close: () => channel.port1.close(),
  };
}

export function openRuntimeConnection(
  onEvent: (event: RuntimeEvent) => void,
  onConnected: (connected: boolean) => void,
): RuntimeConnection {
  let jobId: string | null = null;
  const socket: Socket = io({ path: '/socket.io' });
  const events = taskQueue((payload) => {
    const parsed = runtimeEventSchema.safeParse(decodeRuntimeEvent(payload));
    if (parsed.success) onEvent(parsed.data);
    else console.warn('sluice: dropped a runtime event that does not match the protocol', parsed.error.issues, payload);
  });
  socket.on('connect', () => {
    // The events received before come first: a resubscription's fresh start must not be followed by older events.
    events.flush();
    // Told first, so the caller can forget what the replay that follows the subscription will resend.
    onConnected(true);
    socket.emit(SOCKET.subscribe, { jobId });
  });
  socket.on('disconnect', () => {
    events.flush();
    onConnected(false);
  });
  socket.on(SOCKET.runtimeEvent, events.push);
  return {
    subscribe: (next) => {
      jobId = next;
      if (socket.connected) socket.emit(SOCKET.subscribe, { jobId });
    },
    close: () => {
      events.close();
      socket.close();
    },
  };
}
