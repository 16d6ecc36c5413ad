/**
 * Every error the Dispatcher answers is a ProblemDetails (application/problem+json): a title, the status, one
 * line of detail and the offending fields by path, never an HTML page or a stack dump.
 */
import type { FastifyReply } from 'fastify';
import type { Problem, ProblemDetails } from '@sluice/protocol';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

function problemDetails(status: number, problems: Problem[], detail?: string): ProblemDetails {
  return {
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail: detail ?? problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '),
    problems,
  };
}

export function sendProblems(reply: FastifyReply, status: number, problems: Problem[], detail?: string): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problemDetails(status, problems, detail));
}
