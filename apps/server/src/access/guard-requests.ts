/** The access policy in front of Fastify's routes and socket.io's handshakes, so both refuse the same requests. */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sendProblems } from '../rest/problem-details.js';
import type { AccessDecision } from './access-policy.js';
import { queryToken, tokenCookie } from './access-tokens.js';

export type RequestGuard = (request: IncomingMessage) => AccessDecision;

export function guardRestRequests(app: FastifyInstance, guard: RequestGuard): void {
  app.addHook('onRequest', async (request, reply) => {
    const decision = guard(request.raw);
    if (!decision.allowed) {
      if (decision.status === 401) void reply.header('www-authenticate', 'Bearer realm="sluice"');
      return sendProblems(reply, decision.status, [{ path: 'headers', message: decision.message }]);
    }
    // Opening the printed URL (?token=...) signs the browser in for its later requests and its socket.
    const token = queryToken(request.raw.url);
    if (decision.level !== 'open' && token !== undefined) void reply.header('set-cookie', tokenCookie(token));
  });
}

/** socket.io's allowRequest: its refusals end the handshake with the policy's message. */
export function socketAllowRequest(guard: RequestGuard) {
  return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
    const decision = guard(request);
    callback(decision.allowed ? null : decision.message, decision.allowed);
  };
}
