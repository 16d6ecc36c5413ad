/**
 * The parts of a JobGraph document that are well-formed on their own. Graph rules run on these, so one
 * malformed operator or edge does not hide the problems of the others.
 */
import { edgeSpecSchema, jobConfigSchema, operatorSpecSchema } from '../jobgraph.js';
import type { EdgeSpec, JobConfig, OperatorSpec } from '../jobgraph.js';

/** An element of `operators` or `edges` with its index in the document, for its JSON path. */
export interface Indexed<T> {
  index: number;
  spec: T;
}

export interface DocumentParts {
  /** Every operator element as found, well-formed or not (its params are checked even if, say, its parallelism is broken). */
  rawOperators: unknown[];
  /** Index of the first operator element declaring each string id; later duplicates are not in it. */
  firstIndexOfId: Map<string, number>;
  /** Well-formed operators whose id is not a duplicate, by id. */
  operatorsById: Map<string, Indexed<OperatorSpec>>;
  edges: Indexed<EdgeSpec>[];
  /** Targets of every edge element, well-formed or not, so an operator behind a broken edge is not "without input". */
  rawEdgeTargets: Set<string>;
  /** Undefined when `config` is absent or malformed; its own problems are schema problems. */
  config: JobConfig | undefined;
}

export function documentParts(input: unknown): DocumentParts {
  const doc = isObject(input) ? input : {};
  const rawOperators = Array.isArray(doc.operators) ? (doc.operators as unknown[]) : [];
  const rawEdges = Array.isArray(doc.edges) ? (doc.edges as unknown[]) : [];

  const firstIndexOfId = new Map<string, number>();
  rawOperators.forEach((op, index) => {
    if (isObject(op) && typeof op.id === 'string' && !firstIndexOfId.has(op.id)) firstIndexOfId.set(op.id, index);
  });
  const operatorsById = new Map<string, Indexed<OperatorSpec>>();
  for (const op of wellFormed(rawOperators, (raw) => operatorSpecSchema.safeParse(raw))) {
    if (firstIndexOfId.get(op.spec.id) === op.index) operatorsById.set(op.spec.id, op);
  }
  const config = jobConfigSchema.safeParse(doc.config);
  return {
    rawOperators,
    firstIndexOfId,
    operatorsById,
    edges: wellFormed(rawEdges, (raw) => edgeSpecSchema.safeParse(raw)),
    rawEdgeTargets: new Set(
      rawEdges.flatMap((edge) => (isObject(edge) && typeof edge.target === 'string' ? [edge.target] : [])),
    ),
    config: config.success ? config.data : undefined,
  };
}

function wellFormed<T>(
  items: unknown[],
  parse: (item: unknown) => { success: true; data: T } | { success: false },
): Indexed<T>[] {
  return items.flatMap((item, index) => {
    const result = parse(item);
    return result.success ? [{ index, spec: result.data }] : [];
  });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
