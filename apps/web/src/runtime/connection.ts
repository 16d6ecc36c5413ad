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

export function openRuntimeConnection(onEvent: (event: RuntimeEvent) => void, onConnected: (connected: boolean) => void): RuntimeConnection {
  let jobId: string | null = null;
  const socket: Socket = io({ path: '/socket.io' });
  socket.on('connect', () => {
    // Told first, so the caller can forget what the replay that follows the subscription will resend.
    onConnected(true);
    socket.emit(SOCKET.subscribe, { jobId });
  });
  socket.on('disconnect', () => onConnected(false));
  socket.on(SOCKET.runtimeEvent, (payload: unknown) => {
    const parsed = runtimeEventSchema.safeParse(decodeRuntimeEvent(payload));
    if (parsed.success) onEvent(parsed.data);
    else console.warn('sluice: dropped a runtime event that does not match the protocol', parsed.error.issues, payload);
  });
  return {
    subscribe: (next) => {
      jobId = next;
      if (socket.connected) socket.emit(SOCKET.subscribe, { jobId });
    },
    close: () => socket.close(),
  };
}
