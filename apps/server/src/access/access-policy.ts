/**
 * Who may talk to the Dispatcher, decided once per HTTP request (REST, static files, socket.io handshakes):
 * only this machine's names (DNS rebinding), no cross-site Origin, a JSON body on every state-changing request
 * (a form or a body-less fetch from another site would need a CORS preflight, which is never granted), and,
 * when tokens are configured, a token that allows the request.
 */
import type { IncomingMessage } from 'node:http';
import { accessLevel, presentedToken, type AccessTokens } from './access-tokens.js';
import type { HostPolicy } from './allowed-hosts.js';

export type AccessDecision =
  { allowed: true; level: 'full' | 'view' | 'open' } | { allowed: false; status: 401 | 403 | 415; message: string };

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AccessPolicyOptions {
  hosts: HostPolicy;
  /** Undefined: no tokens (a loopback-only Dispatcher). */
  tokens: AccessTokens | undefined;
  /** Paths anyone who passes the Host and Origin checks may GET without a token: the web app's files. */
  isPublicPath: (path: string) => boolean;
}

export function accessPolicy({ hosts, tokens, isPublicPath }: AccessPolicyOptions) {
  return (request: IncomingMessage): AccessDecision => {
    const { host, origin } = request.headers;
    if (!hosts.allows(host))
      return {
        allowed: false,
        status: 403,
        message: `Host ${JSON.stringify(host ?? '')} is not a name of this server`,
      };
    if (origin !== undefined && !sameOrigin(origin, host))
      return { allowed: false, status: 403, message: `cross-origin requests are refused (Origin ${origin})` };
    const method = request.method ?? 'GET';
    const changesState = STATE_CHANGING.has(method);
    if (changesState && !isJsonContentType(request.headers['content-type']))
      return { allowed: false, status: 415, message: `${method} needs a JSON body (content-type: application/json)` };
    if (tokens === undefined) return { allowed: true, level: 'open' };
    const path = request.url?.split('?')[0] ?? '/';
    const level = accessLevel(tokens, presentedToken(request));
    if (level === undefined) {
      if (!changesState && isPublicPath(path)) return { allowed: true, level: 'open' };
      return {
        allowed: false,
        status: 401,
        message: 'this server needs an access token (the one it printed at start)',
      };
    }
    if (level === 'view' && changesState)
      return { allowed: false, status: 403, message: 'the view-only token allows watching, not changing anything' };
    return { allowed: true, level };
  };
}

/** The browser's Origin names the very host the request was sent to: the page came from this server. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host?.toLowerCase();
  } catch {
    return false;
  }
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
