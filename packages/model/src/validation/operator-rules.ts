/** Rules about one operator on its own: unique id, params of its kind, function syntax, parallelism bounds. */
import { CATALOGUE, paramsSchemas } from '../catalogue.js';
import { operatorKindSchema } from '../jobgraph.js';
import { UPPER_BOUND_MAX_PARALLELISM } from '../max-parallelism.js';
import { isObject, type DocumentParts } from './document-parts.js';
import { functionSourceProblem } from './function-source.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';

export function operatorProblems(parts: DocumentParts): Problem[] {
  return parts.rawOperators.flatMap((op, index) => {
    if (!isObject(op)) return [];
    return [
      ...duplicateIdProblems(op, index, parts),
      ...paramsProblems(op, index),
      ...parallelismProblems(op, index, parts),
      ...unsupportedProblems(op, index),
    ];
  });
}

/** An imported Flink operator without a Sluice equivalent can be drawn and edited around, but the job cannot run with it. */
function unsupportedProblems(op: Record<string, unknown>, index: number): Problem[] {
  if (op.kind !== 'flink.unsupported') return [];
  const params = isObject(op.params) ? op.params : {};
  const name = typeof params.flinkName === 'string' ? ` "${params.flinkName}"` : '';
  return [
    {
      path: jsonPath(['operators', index, 'kind']),
      message: `cannot run: Sluice has no equivalent of the Flink operator${name}; replace it with a Sluice operator`,
    },
  ];
}

function duplicateIdProblems(op: Record<string, unknown>, index: number, parts: DocumentParts): Problem[] {
  if (typeof op.id !== 'string') return [];
  const first = parts.firstIndexOfId.get(op.id);
  if (first === undefined || first === index) return [];
  return [
    {
      path: jsonPath(['operators', index, 'id']),
      message: `duplicate operator id "${op.id}" (${jsonPath(['operators', first])} has it too)`,
    },
  ];
}

/** Checked whenever the kind is known, even if other fields of the operator are broken. */
function paramsProblems(op: Record<string, unknown>, index: number): Problem[] {
  const kind = operatorKindSchema.safeParse(op.kind);
  if (!kind.success) return [];
  // A malformed params value is a schema problem of the document itself, reported there.
  if (op.params !== undefined && !isObject(op.params)) return [];
  const params = op.params ?? {};
  const at = ['operators', index, 'params'];
  const checked = paramsSchemas[kind.data].safeParse(params);
  const problems = checked.success ? [] : schemaProblems(checked.error.issues, params, at);
  for (const name of CATALOGUE[kind.data].functionParams) {
    const source = params[name];
    if (typeof source !== 'string' || source === '') continue;
    const problem = functionSourceProblem(source);
    if (problem !== undefined) problems.push({ path: jsonPath([...at, name]), message: problem });
  }
  return problems;
}

/** §3 Key groups: a subtask owns at least one key group, so parallelism can never exceed max parallelism. */
function parallelismProblems(op: Record<string, unknown>, index: number, parts: DocumentParts): Problem[] {
  const parallelism = op.parallelism;
  if (typeof parallelism !== 'number' || !Number.isInteger(parallelism)) return [];
  const path = jsonPath(['operators', index, 'parallelism']);
  if (parallelism < 1) return [{ path, message: `must be at least 1, not ${parallelism}` }];
  const bound = maxParallelismBound(op, parts);
  if (parallelism <= bound.value) return [];
  return [{ path, message: `${parallelism} is more than ${bound.origin} ${bound.value}` }];
}

function maxParallelismBound(op: Record<string, unknown>, parts: DocumentParts): { value: number; origin: string } {
  const own = op.maxParallelism;
  if (typeof own === 'number' && Number.isInteger(own) && own >= 1)
    return { value: own, origin: "the operator's maxParallelism" };
  const job = parts.config?.maxParallelism;
  if (job !== undefined) return { value: job, origin: "the job's config.maxParallelism" };
  return { value: UPPER_BOUND_MAX_PARALLELISM, origin: "Flink's upper bound of max parallelism" };
}
