/**
 * Serves the built web app (apps/web/dist) next to the API, as Flink's web UI shares the REST port. Client-side
 * routes get index.html (SPA fallback); API paths and missing assets get a JSON 404 instead of a page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendProblems } from '../rest/problem-details.js';

/** First path segments owned by the API and socket.io; a GET under them never falls back to the app. */
const API_SEGMENTS = new Set(['jobs', 'taskmanagers', 'examples', 'validate', 'plan', 'openapi.json', 'socket.io']);

/** A path of the API or socket.io, rather than of the web app's files. */
export function isApiPath(path: string): boolean {
  const first = path.split('/').find(Boolean);
  return first !== undefined && API_SEGMENTS.has(first);
}

export const WEB_NOT_BUILT_MESSAGE =
  'The Sluice web app is not built. Run `pnpm build` (or `npm start`) from the repository root, then reload.';

function wantsAppPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (isApiPath(path)) return false;
  // A path with a file extension is an asset request: a missing asset is a 404, not the app page.
  return !/\.[^/]+$/.test(path);
}

export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const indexFile = join(webRoot, 'index.html');
  await app.register(fastifyStatic, { root: webRoot, wildcard: true });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (!wantsAppPage(request))
      return sendProblems(reply, 404, [{ path: '', message: `no route for ${request.method} ${request.url}` }]);
    // Checked per request: building the web app while the server runs makes it appear on the next reload.
    if (!existsSync(indexFile)) return reply.code(503).type('text/plain; charset=utf-8').send(WEB_NOT_BUILT_MESSAGE);
    return reply.sendFile('index.html');
  });
}
