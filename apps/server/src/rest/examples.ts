/** The built-in example JobGraphs the editor opens. */
import type { FastifyInstance } from 'fastify';
import { EXAMPLES, exampleById } from '@sluice/model';
import type { ExampleSummary } from '@sluice/protocol';
import { exampleIdParams, parseParams } from './params.js';
import { sendProblems } from './problem-details.js';

export function registerExampleRoutes(app: FastifyInstance): void {
  app.get('/examples', async (): Promise<ExampleSummary[]> =>
    EXAMPLES.map(({ id, title, description }) => ({ id, title, description })),
  );

  app.get('/examples/:id', async (request, reply) => {
    const params = parseParams(exampleIdParams, request, reply);
    if (!params) return reply;
    const example = exampleById(params.id);
    if (!example)
      return sendProblems(reply, 404, [{ path: 'params.id', message: `no example with id "${params.id}"` }]);
    return example.jobGraph;
  });
}
