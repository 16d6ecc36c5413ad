/**
 * Flink's REST API as the server uses it for its Flink run targets: JSON GETs, the runner jar's upload and run, a
 * job's cancel and savepoints. Every failure is a FlinkClusterError that names the cluster and the cause (down,
 * refused, an answer that is not Flink's), so the UI can say why a run on Flink did not happen.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { rootCause } from './java-stack-trace.js';

export class FlinkClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlinkClusterError';
  }
}

/**
 * Flink 2.x answers failures as {"errors": [...]}, often one Java stack whose first line only says "Could not execute
 * application": the innermost "Caused by:" names the reason.
 */
export function flinkErrorReason(body: string): string {
  let errors: unknown;
  try {
    errors = (JSON.parse(body) as { errors?: unknown }).errors;
  } catch {
    return body.slice(0, 500);
  }
  if (!Array.isArray(errors) || errors.length === 0) return body.slice(0, 500);
  return errors
    .map((error) => rootCause(String(error)))
    .filter((reason) => reason !== '')
    .join('; ');
}

export class FlinkRestClient {
  constructor(readonly url: string) {}

  private async request(method: string, path: string, init: RequestInit = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, { method, ...init });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new FlinkClusterError(
        `the Flink cluster at ${this.url} is not reachable (${cause?.code ?? cause?.message ?? String(error)})`,
      );
    }
    const text = await response.text();
    if (!response.ok)
      throw new FlinkClusterError(
        `the Flink cluster at ${this.url} refused ${method} ${path.split('?')[0]} (HTTP ${response.status}): ${flinkErrorReason(text)}`,
      );
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FlinkClusterError(`${this.url} answered ${method} ${path} with something other than Flink's JSON`);
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request('GET', path) as Promise<T>;
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request('POST', path, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }) as Promise<T>;
  }

  patch(path: string): Promise<unknown> {
    return this.request('PATCH', path);
  }

  /** POST /jars/upload (multipart, field "jarfile"); returns the jar's id on the cluster. */
  async uploadJar(file: string): Promise<string> {
    const form = new FormData();
    form.append('jarfile', new Blob([await readFile(file)], { type: 'application/x-java-archive' }), basename(file));
    const answer = (await this.request('POST', '/jars/upload', { body: form })) as { filename?: string };
    if (typeof answer?.filename !== 'string')
      throw new FlinkClusterError(`the Flink cluster at ${this.url} accepted the runner jar without naming it`);
    // "filename" is the stored path; the jar id of /jars/:id/run is its last segment.
    return basename(answer.filename);
  }
}
