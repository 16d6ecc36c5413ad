// Ports for servers started by scripts and tests: a free one chosen by the kernel, or a check that a fixed one is free.
import { createServer } from 'node:net';

function listenOn(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** A port on 127.0.0.1 that nothing listens on now. */
export function freePort() {
  return listenOn(0);
}

/** Whether `port` on 127.0.0.1 can be listened on now. */
export async function isPortFree(port) {
  try {
    await listenOn(port);
    return true;
  } catch {
    return false;
  }
}
