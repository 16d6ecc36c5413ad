/** What the Dispatcher and CLI tests share: a real Dispatcher on a free port, JSON over real HTTP, JobGraph files, the bundled CLI. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { JobGraph } from '@sluice/model';
import { createServer, type Dispatcher, type DispatcherOptions } from '../src/server.js';

/**
 * 2 TaskManagers × 2 slots (the server's defaults) on 127.0.0.1 and a port the OS picks; a data root of its own,
 * and the system temp folder allowed too, where tests make their folders (tempDir).
 */
export function startDispatcher(options: DispatcherOptions = {}): Promise<Dispatcher> {
  return createServer({
    port: 0,
    cluster: { taskManagers: 2, slotsPerTaskManager: 2 },
    dataRoot: tempDir('data-root'),
    allowedPaths: [tmpdir()],
    ...options,
  });
}

/** One Dispatcher for the calling test file: started before its tests, closed after them; `url` is set once it listens. */
export function dispatcherForFile(): { url: string } {
  const shared = { url: '' };
  let dispatcher: Dispatcher | undefined;
  beforeAll(async () => {
    dispatcher = await startDispatcher();
    shared.url = dispatcher.url;
  });
  afterAll(() => dispatcher?.close());
  return shared;
}

export interface JsonResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/** A state-changing request always carries a JSON body (`{}` when none is given), as the Dispatcher requires. */
export async function request(baseUrl: string, method: string, path: string, body?: unknown): Promise<JsonResponse> {
  const json = body ?? (method === 'GET' || method === 'HEAD' ? undefined : {});
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(json !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: typeof json === 'string' ? json : JSON.stringify(json),
    }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sorts a multiset of JSON values into a canonical order, so two multisets compare with toEqual. */
export const multiset = (values: readonly unknown[]): unknown[] =>
  values
    .map((value) => JSON.stringify(value))
    .sort()
    .map((text) => JSON.parse(text) as unknown);

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sluice-server-${prefix}-`));
}

export function writeJobFile(dir: string, name: string, jobGraph: JobGraph | unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(jobGraph));
  return path;
}

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `sluice ...args` as users run it: the bundled dist/cli.js in a child process, killed after `timeoutMs`. */
export function cliRunner(timeoutMs: number): (...args: string[]) => Promise<CliOutcome> {
  return (...args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
}
