/** GET /openapi.json (issue 11, point 5): the REST API described from the zod schemas its routes validate with. */
import { describe, expect, it } from 'vitest';
import { dispatcherForFile, request } from './harness.js';

const dispatcher = dispatcherForFile();

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; schema: unknown }[]; responses: object }>>;
}

describe('/openapi.json', () => {
  it('describes every route with the statuses it answers', async () => {
    const { status, body } = await request(dispatcher.url, 'GET', '/openapi.json');
    expect(status).toBe(200);
    const document = body as OpenApi;
    expect(document.openapi).toBe('3.0.3');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /jobs',
        'POST /jobs',
        'GET /jobs/{id}',
        'DELETE /jobs/{id}',
        'GET /jobs/{id}/checkpoints',
        'GET /jobs/{id}/checkpoints/config',
        'GET /jobs/{id}/exceptions',
        'GET /jobs/{id}/vertices/{vid}/backpressure',
        'POST /jobs/{id}/savepoints',
        'POST /jobs/{id}/stop',
        'GET /jobs/{id}/savepoints/{requestId}',
        'GET /taskmanagers',
        'POST /taskmanagers/{id}/kill',
        'GET /examples',
        'GET /examples/{id}',
        'POST /validate',
        'POST /plan',
        'GET /openapi.json',
      ].sort(),
    );
    // The job id parameter is the route's own zod schema: 32 lowercase hexadecimal digits.
    const jobId = document.paths['/jobs/{id}']!.get!.parameters![0]!;
    expect(jobId).toMatchObject({ name: 'id', schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } });
    expect(Object.keys(document.paths['/jobs']!.post!.responses).sort()).toEqual(
      ['201', '400', '401', '403', '413', '415', '502'].sort(),
    );
  });
});
