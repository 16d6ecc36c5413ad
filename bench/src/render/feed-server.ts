/**
 * The render bench's Dispatcher stand-in: serves the built web app, answers the REST calls the UI makes,
 * and pushes synthetic runtime events over socket.io (the browser's real client path: socket.io → store →
 * React). A real job of 200 operators at parallelism 32 needs 32 slots; the local cluster has 4.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Server as SocketServer } from 'socket.io';
import { SOCKET, encodeRuntimeEvent, type RuntimeEvent } from '@sluice/protocol';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export interface FeedServer {
  url: string;
  /** Called with the job id when the UI submits a job. */
  onSubmit: (listener: (jobId: string) => void) => void;
  publish: (event: RuntimeEvent) => void;
  close: () => Promise<void>;
}

export async function startFeedServer(webRoot: string): Promise<FeedServer> {
  let submitted: (jobId: string) => void = () => undefined;
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/taskmanagers') return json(res, 200, []);
    if (url.pathname === '/jobs' && req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        json(res, 202, { jobId: 'render-bench' });
        submitted('render-bench');
      });
      return;
    }
    if (url.pathname.startsWith('/jobs')) return json(res, 404, { errors: ['the render bench keeps no job details'] });
    const file = normalize(join(webRoot, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(webRoot)) return json(res, 404, {});
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => json(res, 404, {}),
    );
  });
  const io = new SocketServer(http, { serveClient: false });
  io.on('connection', (socket) => {
    socket.on(SOCKET.subscribe, (_payload: unknown, ack: unknown) => {
      if (typeof ack === 'function') ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (typeof address !== 'object' || address === null) throw new Error('the feed server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    onSubmit: (listener) => {
      submitted = listener;
    },
    publish: (event) => io.emit(SOCKET.runtimeEvent, encodeRuntimeEvent(event)),
    close: async () => {
      await io.close();
    },
  };
}
