/**
 * validateJobGraph: every problem of a JobGraph document at once, each with a JSONPath and a reason.
 * zod checks the shape; the graph rules (what Flink's StreamGraph would reject, and what our operators
 * need) run on whatever parts of the document are well-formed. User code is only parsed, never run.
 */
import { jobGraphSchema, type JobGraph } from '../jobgraph.js';
import { cycleProblems } from './cycles.js';
import { documentParts } from './document-parts.js';
import { edgeProblems } from './edge-rules.js';
import { inputProblems } from './input-rules.js';
import { valueAt } from './json-path.js';
import { operatorProblems } from './operator-rules.js';
import type { Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';
import { sinkProblems } from './sink-rules.js';
import { sizeProblems, subtaskProblems } from './size-limits.js';
import { unionExpansionProblems } from './union-expansion.js';

export type ValidationResult = { ok: true; jobGraph: JobGraph; problems: [] } | { ok: false; problems: Problem[] };

export interface ValidationOptions {
  /** A server's bound on the sum of the operators' parallelism (its slots and memory are finite); none by default. */
  maxTotalSubtasks?: number;
}

export function validateJobGraph(input: unknown, options: ValidationOptions = {}): ValidationResult {
  // A document beyond the size limits is not read any further: the rules below must only ever see bounded input.
  const tooLarge = sizeProblems(input);
  if (tooLarge.length > 0) return { ok: false, problems: tooLarge };
  const parts = documentParts(input);
  const tooManyPaths = unionExpansionProblems(parts);
  if (tooManyPaths.length > 0) return { ok: false, problems: tooManyPaths };
  const parsed = jobGraphSchema.safeParse(input);
  const { maxTotalSubtasks } = options;
  const problems = [
    ...(parsed.success ? [] : schemaProblems(parsed.error.issues, input)),
    ...operatorProblems(parts),
    ...edgeProblems(parts),
    ...inputProblems(parts),
    ...cycleProblems(parts),
    // Without an operators array the schema problem says all there is to say.
    ...(Array.isArray(valueAt(input, ['operators'])) ? sinkProblems(parts) : []),
    ...(maxTotalSubtasks === undefined
      ? []
      : subtaskProblems(
          [...parts.operatorsById.values()].map(({ spec }) => spec),
          maxTotalSubtasks,
        )),
  ];
  if (parsed.success && problems.length === 0) return { ok: true, jobGraph: parsed.data, problems: [] };
  return { ok: false, problems };
}
