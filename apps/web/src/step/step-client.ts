/**
 * The UI thread's end of the step worker: one request in flight at a time is the UI's business (it waits
 * for each reply before the next frame); this only pairs replies with requests.
 */
import type { StepCommand, StepReply, StepRequest, StepState } from './step-protocol';

export interface StepClient {
  send: (command: StepCommand) => Promise<StepState>;
  terminate: () => void;
}

export function startStepWorker(): StepClient {
  // Vite bundles the worker with the engine it imports; the static build needs nothing else.
  const worker = new Worker(new URL('../workers/step-worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (state: StepState) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  worker.onmessage = (message: MessageEvent<StepReply>) => {
    const reply = message.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.state);
    else waiting.reject(new Error(reply.error));
  };
  worker.onerror = (event) => {
    // A worker that fails to load (or throws outside a command) answers nothing: fail every waiting command.
    const error = new Error(`step worker: ${event.message || 'failed to start'}`);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  return {
    send: (command) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        const request: StepRequest = { id, command };
        worker.postMessage(request);
      }),
    terminate: () => worker.terminate(),
  };
}
