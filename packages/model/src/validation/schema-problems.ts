/** Turns zod issues into Problems with JSON paths and plain-English reasons. */
import type { z } from 'zod';
import { OPERATOR_KINDS, RUNNABLE_OPERATOR_KINDS } from '../jobgraph.js';
import { jsonPath, valueAt } from './json-path.js';
import type { Problem } from './problem.js';

/**
 * `root` is the value the issue paths are relative to and `prefix` its path in the document
 * (params are checked on their own, under `operators[i].params`).
 */
export function schemaProblems(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  return issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path];
    const value = valueAt(root, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: jsonPath([...at, key]), message: 'is not a known field' }));
    }
    return [{ path: jsonPath(at), message: describe(issue, value) }];
  });
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `is required (${article(issue.expected)})`;
      return `must be ${article(issue.expected)}, not ${typeName(value)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item(s)`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}, not ${JSON.stringify(value)}`;
    case 'too_big':
      if (issue.origin === 'array') return `allows at most ${issue.maximum} item(s)`;
      if (typeof value === 'string') return `is ${value.length} characters long; at most ${issue.maximum} are allowed`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, not ${JSON.stringify(value)}`;
    case 'invalid_value':
      if (issue.path.at(-1) === 'kind' && issue.values.length === OPERATOR_KINDS.length) {
        return `unknown operator kind ${JSON.stringify(value)}; the kinds are ${RUNNABLE_OPERATOR_KINDS.join(', ')}`;
      }
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}, not ${JSON.stringify(value)}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options !== undefined)
        return `must be one of ${options.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`;
      return issue.message;
    }
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = {
    int: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'a boolean',
    object: 'an object',
    record: 'an object',
    array: 'an array',
  };
  return names[expected] ?? expected;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `${value}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
