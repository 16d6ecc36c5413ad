/**
 * The last line of defence: errors no route answered itself (a body that is not JSON, an unsupported content
 * type, a bug) still leave as ProblemDetails. Unexpected failures are logged here, once.
 */
import type { FastifyInstance } from 'fastify';
import { sendProblems } from './problem-details.js';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: { statusCode?: unknown; message: string }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      console.error(`${request.method} ${request.url} failed:`, error);
      return sendProblems(reply, status, [{ path: '', message: `internal error: ${error.message}` }]);
    }
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large) are about the request body.
    return sendProblems(reply, status, [{ path: 'body', message: error.message }]);
  });
}
