/**
 * Jupyter-style access tokens for a Dispatcher reachable beyond this machine: a full token (submit, cancel,
 * kill) and an optional view-only token (students watching). A client sends one as `Authorization: Bearer T`,
 * as the `sluice-token` cookie (set when the page is opened with `?token=T`), or as `?token=T` itself.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'sluice-token';

export type AccessLevel = 'full' | 'view';

export interface AccessTokens {
  full: string;
  view?: string;
}

/** 24 random bytes as 48 hexadecimal digits, as Jupyter's generated tokens. */
export const generateToken = (): string => randomBytes(24).toString('hex');

/** Digests compared in constant time, so the comparison does not leak how much of a guess was right. */
const digest = (token: string) => createHash('sha256').update(token).digest();
const sameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/** The token a request carries, in the order header, cookie, query. */
export function presentedToken(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization;
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  return bearer ?? cookieToken(request.headers.cookie) ?? queryToken(request.url);
}

export function queryToken(url: string | undefined): string | undefined {
  const query = url?.split('?')[1];
  return query === undefined ? undefined : (new URLSearchParams(query).get('token') ?? undefined);
}

function cookieToken(cookie: string | undefined): string | undefined {
  for (const part of cookie?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** What `token` grants: undefined when it is absent or matches neither token. */
export function accessLevel(tokens: AccessTokens, token: string | undefined): AccessLevel | undefined {
  if (token === undefined) return undefined;
  if (sameToken(token, tokens.full)) return 'full';
  if (tokens.view !== undefined && sameToken(token, tokens.view)) return 'view';
  return undefined;
}

/** The cookie that keeps a browser signed in once it opened the page with `?token=`. */
export const tokenCookie = (token: string): string =>
  `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
