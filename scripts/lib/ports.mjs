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

/** Sluice's own server and its e2e server. */
const RESERVED_PORTS = new Set([8081, 18081]);

/**
 * The port a script's server should listen on: a free one for 0 (tests), else `port` once it is checked to be free
 * and not one of Sluice's own; the errors name the --port option.
 */
export async function choosePort(port) {
  if (port === 0) {
    let chosen = await freePort();
    while (RESERVED_PORTS.has(chosen)) chosen = await freePort();
    return chosen;
  }
  if (RESERVED_PORTS.has(port)) throw new Error(`--port: ${port} is Sluice's (8081 the app, 18081 the e2e tests)`);
  if (!(await isPortFree(port)))
    throw new Error(`--port: ${port} is in use on 127.0.0.1; pass another, or 0 for a free one`);
  return port;
}
