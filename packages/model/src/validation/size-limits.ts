/**
 * Bounds on the size of a JobGraph document, checked before anything else reads it, so that validating,
 * planning and running a document cost time linear in a bounded size: a server shared by a classroom must
 * not be stalled or crashed by one request (issue 11). Values nested deeper than a JSON value needs to be
 * overflow the structured clone that carries them to the TaskManagers.
 */
import { isObject } from './document-parts.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';

export const JOB_GRAPH_LIMITS = {
  operators: 2_000,
  edges: 10_000,
  /** Nesting of arrays and objects anywhere in the document, the document itself at depth 1. */
  valueDepth: 64,
} as const;

/** Problems of a document too large to validate further; empty when it is within every limit. */
export function sizeProblems(input: unknown): Problem[] {
  const problems: Problem[] = [];
  const doc = isObject(input) ? input : {};
  for (const field of ['operators', 'edges'] as const) {
    const items = doc[field];
    const limit = JOB_GRAPH_LIMITS[field];
    if (Array.isArray(items) && items.length > limit)
      problems.push({
        path: jsonPath([field]),
        message: `has ${items.length} items; a JobGraph may have at most ${limit} ${field}`,
      });
  }
  const deep = tooDeepValue(input, JOB_GRAPH_LIMITS.valueDepth);
  if (deep !== undefined)
    problems.push({
      path: jsonPath(deep),
      message: `is nested deeper than ${JOB_GRAPH_LIMITS.valueDepth} levels of arrays and objects`,
    });
  return problems;
}

/** The path of the first array or object at depth `maxDepth` + 1, found without recursion (a deep value is the attack). */
function tooDeepValue(root: unknown, maxDepth: number): PropertyKey[] | undefined {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxDepth) return path;
    const entries: [PropertyKey, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    for (const [key, item] of entries) pending.push({ value: item, path: [...path, key] });
  }
  return undefined;
}

/**
 * Every subtask is a task deployed to a slot, with channels to every subtask it exchanges records with: the
 * sum of the operators' parallelism bounds the plan and the deployment. A server sets its own maximum.
 */
export function subtaskProblems(operators: readonly { parallelism: number }[], maxTotalSubtasks: number): Problem[] {
  const total = operators.reduce((sum, { parallelism }) => sum + Math.max(parallelism, 0), 0);
  if (total <= maxTotalSubtasks) return [];
  return [
    {
      path: jsonPath(['operators']),
      message: `the operators' parallelism adds up to ${total} subtasks; this server runs at most ${maxTotalSubtasks} per job`,
    },
  ];
}
