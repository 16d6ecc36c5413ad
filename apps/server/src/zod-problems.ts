import type { z } from 'zod';
import type { Problem } from '@sluice/protocol';

/**
 * zod issues at a boundary as problems whose path starts with where the value came from (`params`, `query`,
 * `body`, `subscribe`...). An unknown key of a strict object is named at its own path (`body.signl`), one problem
 * per key, rather than at the object's.
 */
export function zodProblems(where: string, error: z.ZodError): Problem[] {
  const at = (path: readonly PropertyKey[]) => [where, ...path.map(String)].join('.');
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}
