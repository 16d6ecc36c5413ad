import type { z } from 'zod';
import type { Problem } from '@sluice/protocol';

/** zod issues at a boundary as problems whose path starts with where the value came from (`params`, `subscribe`...). */
export function zodProblems(where: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
}
