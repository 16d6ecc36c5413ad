/**
 * importFlinkPlan: a plan JSON written by Flink itself → a Sluice JobGraph. Reads both formats Flink writes:
 * `getExecutionPlan()` (StreamGraph: one node per operator) and the REST API's JobGraph plan (one node per chain,
 * also inside `GET /jobs/:id/plan`'s `{"plan": ...}`). Pure and browser-safe: the editor imports files with it.
 */
import { isObject } from '../validation/document-parts.js';
import type { ImportMessage } from './flink-plan.js';
import { readJobGraphPlan } from './job-graph-plan.js';
import { readStreamGraphPlan } from './stream-graph-plan.js';
import { toJobGraph, type ImportResult } from './to-job-graph.js';

export type { ImportMessage } from './flink-plan.js';
export type { ImportResult } from './to-job-graph.js';
export { PLACEHOLDER_KEY_SELECTOR } from './ship-strategy.js';

const NEITHER_FORMAT =
  'is not a Flink plan: expected getExecutionPlan()\'s {"nodes": [{"id", "type", "pact", "contents", "parallelism", "predecessors"}]} or the REST JobGraph plan {"jid", "name", "nodes": [{"id", "parallelism", "description", "inputs"}]}';

/** `fallbackName` names the job when the plan does not (getExecutionPlan's JSON never does): the file's name, say. */
export function importFlinkPlan(json: unknown, fallbackName = 'Flink plan'): ImportResult {
  const problem = (path: string, message: string): { problems: ImportMessage[] } => ({ problems: [{ path, message }] });
  if (!isObject(json)) return problem('$', NEITHER_FORMAT);
  if (json.version !== undefined && Array.isArray(json.operators))
    return problem('$', 'is a Sluice JobGraph, not a Flink plan: open it with Load instead');
  // JobPlanInfo, the answer of GET /jobs/:id/plan, wraps the plan.
  const wrapped = isObject(json.plan) && !Array.isArray(json.nodes);
  const plan = wrapped ? (json.plan as Record<string, unknown>) : json;
  const at = wrapped ? ['plan'] : [];
  const nodes = plan.nodes;
  if (!Array.isArray(nodes)) return problem(wrapped ? '$.plan' : '$', NEITHER_FORMAT);
  const first: unknown = nodes[0];
  const read =
    'jid' in plan || (isObject(first) && ('description' in first || 'inputs' in first))
      ? readJobGraphPlan(plan, at)
      : isObject(first) && ('pact' in first || 'contents' in first || 'type' in first || 'predecessors' in first)
        ? readStreamGraphPlan(plan, at)
        : undefined;
  if (read === undefined)
    return problem(
      wrapped ? '$.plan.nodes' : '$.nodes',
      nodes.length === 0 ? 'is empty; a Flink plan has at least one node' : NEITHER_FORMAT,
    );
  return 'problems' in read ? read : toJobGraph(read, read.name ?? fallbackName);
}
