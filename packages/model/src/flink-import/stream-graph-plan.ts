/**
 * `StreamExecutionEnvironment#getExecutionPlan()` (Flink's JSONGenerator, the plan visualizer's input): one node per
 * StreamNode, so one node per operator, chained or not; `type` is the operator's name.
 */
import { z } from 'zod';
import { jsonPath } from '../validation/json-path.js';
import { schemaProblems } from '../validation/schema-problems.js';
import type { FlinkPlan, ImportMessage } from './flink-plan.js';

const streamGraphPlanSchema = z.object({
  nodes: z
    .array(
      z.object({
        id: z.number().int(),
        type: z.string().min(1),
        pact: z.string().optional(),
        contents: z.string().optional(),
        parallelism: z.number().int().min(1),
        predecessors: z
          .array(z.object({ id: z.number().int(), ship_strategy: z.string().min(1), side: z.string().optional() }))
          .optional(),
      }),
    )
    .min(1),
});

export function readStreamGraphPlan(
  json: unknown,
  at: readonly PropertyKey[],
): FlinkPlan | { problems: ImportMessage[] } {
  const parsed = streamGraphPlanSchema.safeParse(json);
  if (!parsed.success) return { problems: schemaProblems(parsed.error.issues, json, at) };
  const { nodes } = parsed.data;
  const problems: ImportMessage[] = [];
  const firstIndex = new Map<number, number>();
  nodes.forEach((node, index) => {
    const first = firstIndex.get(node.id);
    if (first === undefined) firstIndex.set(node.id, index);
    else
      problems.push({
        path: jsonPath([...at, 'nodes', index, 'id']),
        message: `duplicate node id ${node.id} (${jsonPath([...at, 'nodes', first])} has it too)`,
      });
  });
  const plan: FlinkPlan = { name: undefined, operators: [], exchanges: [] };
  nodes.forEach((node, index) => {
    const path = [...at, 'nodes', index];
    plan.operators.push({
      ref: String(node.id),
      flinkName: node.type,
      parallelism: node.parallelism,
      path: jsonPath(path),
    });
    (node.predecessors ?? []).forEach((input, i) => {
      if (!firstIndex.has(input.id)) {
        problems.push({ path: jsonPath([...path, 'predecessors', i, 'id']), message: `no node has id ${input.id}` });
        return;
      }
      plan.exchanges.push({
        from: String(input.id),
        to: String(node.id),
        shipStrategy: input.ship_strategy,
        path: jsonPath([...path, 'predecessors', i, 'ship_strategy']),
      });
    });
  });
  return problems.length > 0 ? { problems } : plan;
}
