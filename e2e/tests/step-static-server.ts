/**
 * The simplest host of the built web app, with no Dispatcher behind it: node's http module serving
 * apps/web/dist as files under a folder of the site (`mount`, as GitHub Pages serves a project under
 * /<project>/), as any static web server would. Anything that is not a file under dist (POST /jobs,
 * /socket.io) gets a plain-text 404, as such a host answers.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

export const WEB_DIST = join(import.meta.dirname, '..', '..', 'apps', 'web', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/** `mount` starts and ends with a slash: the site folder the app lives in. */
export async function serveStatic(root: string, mount: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const notFound = () => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    };
    if (request.method !== 'GET' || !path.startsWith(mount)) return notFound();
    const relative = path.slice(mount.length);
    const file = normalize(join(root, relative === '' ? 'index.html' : relative));
    if (!file.startsWith(root)) return notFound();
    readFile(file).then((body) => {
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    }, notFound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
