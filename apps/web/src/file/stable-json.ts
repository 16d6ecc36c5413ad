/**
 * JobGraph JSON with a stable key order and 2-space indentation, so a saved job diffs cleanly in git: the same
 * graph always gives the same bytes, whatever order its objects' keys were built in. Known fields come in the
 * order the schema declares them (version, name, config, operators, edges; id, kind, name, parallelism...);
 * keys the schema does not name (params, user values) come sorted.
 */
import {
  checkpointingSchema,
  edgeSpecSchema,
  jobConfigSchema,
  jobGraphSchema,
  operatorSpecSchema,
  type JobGraph,
} from '@sluice/model';

/** The order of an object's keys, and of the objects under its fields (an array's items share one order). */
type KeyOrder = { keys: readonly string[]; fields?: Readonly<Record<string, KeyOrder>> };

const sorted: KeyOrder = { keys: [] };
const operator: KeyOrder = { keys: Object.keys(operatorSpecSchema.shape) };
const edge: KeyOrder = { keys: Object.keys(edgeSpecSchema.shape) };
const JOB_GRAPH_ORDER: KeyOrder = {
  keys: Object.keys(jobGraphSchema.shape),
  fields: {
    config: {
      keys: Object.keys(jobConfigSchema.shape),
      fields: { checkpointing: { keys: Object.keys(checkpointingSchema.shape) } },
    },
    operators: operator,
    edges: edge,
  },
};

function ordered(value: unknown, order: KeyOrder): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, order));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known = order.keys.filter((key) => key in record);
  const rest = Object.keys(record)
    .filter((key) => !order.keys.includes(key))
    .sort();
  const result: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) {
    result[key] = ordered(record[key], order.fields?.[key] ?? sorted);
  }
  return result;
}

export function stableJobGraphJson(jobGraph: JobGraph): string {
  return `${JSON.stringify(ordered(jobGraph, JOB_GRAPH_ORDER), null, 2)}\n`;
}
