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
import { operatorProblems } from './operator-rules.js';
import type { Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';

export type ValidationResult = { ok: true; jobGraph: JobGraph; problems: [] } | { ok: false; problems: Problem[] };

export function validateJobGraph(input: unknown): ValidationResult {
  const parsed = jobGraphSchema.safeParse(input);
  const parts = documentParts(input);
  const problems = [
    ...(parsed.success ? [] : schemaProblems(parsed.error.issues, input)),
    ...operatorProblems(parts),
    ...edgeProblems(parts),
    ...inputProblems(parts),
    ...cycleProblems(parts),
  ];
  if (parsed.success && problems.length === 0) return { ok: true, jobGraph: parsed.data, problems: [] };
  return { ok: false, problems };
}
