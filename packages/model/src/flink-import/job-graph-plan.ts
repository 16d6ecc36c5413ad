/**
 * The JobGraph plan of Flink's REST API (`GET /jobs/:id/plan`, JsonPlanGenerator): one node per JobVertex, that is
 * per operator chain, linked by `inputs`. Each chain is taken apart into its operators, joined by forward edges
 * as chaining requires (§1 Operator chaining), so the imported graph shows what ran and where the exchanges were.
 */
import { z } from 'zod';
import { jsonPath } from '../validation/json-path.js';
import { schemaProblems } from '../validation/schema-problems.js';
import type { FlinkPlan, ImportMessage } from './flink-plan.js';
import { chainedOperatorNames } from './vertex-description.js';

const jobGraphPlanSchema = z.object({
  jid: z.string().optional(),
  name: z.string().optional(),
  nodes: z
    .array(
      z.object({
        id: z.string().min(1),
        parallelism: z.number().int().min(1),
        operator: z.string().optional(),
        description: z.string(),
        inputs: z
          .array(
            z.object({
              num: z.number().int().optional(),
              id: z.string().min(1),
              ship_strategy: z.string().min(1),
              exchange: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
});

/** Data exchanges Sluice runs the same way; any other (blocking, hybrid) is pipelined here, and says so. */
const PIPELINED_EXCHANGES = new Set(['pipelined', 'pipelined_bounded']);

export function readJobGraphPlan(json: unknown, at: readonly PropertyKey[]): FlinkPlan | { problems: ImportMessage[] } {
  const parsed = jobGraphPlanSchema.safeParse(json);
  if (!parsed.success) return { problems: schemaProblems(parsed.error.issues, json, at) };
  const { nodes, name } = parsed.data;
  const problems: ImportMessage[] = [];
  const plan: FlinkPlan = { name: name === '' ? undefined : name, operators: [], exchanges: [] };
  /** Per JobVertex id: the refs of its chain's head and tail operators. */
  const chains = new Map<string, { head: string; tail: string; tailName: string; branches: boolean }>();

  nodes.forEach((node, index) => {
    const path = [...at, 'nodes', index];
    if (chains.has(node.id)) {
      problems.push({ path: jsonPath([...path, 'id']), message: `duplicate node id "${node.id}"` });
      return;
    }
    const description = jsonPath([...path, 'description']);
    const chain = chainedOperatorNames(node.description);
    if (chain === undefined) {
      problems.push({
        path: description,
        message: 'names no operator; a JobVertex description lists its chained operators',
      });
      return;
    }
    const ref = (i: number) => `${node.id}#${i}`;
    chain.forEach((op, i) => {
      plan.operators.push({ ref: ref(i), flinkName: op.name, parallelism: node.parallelism, path: description });
      if (op.parent !== undefined)
        plan.exchanges.push({ from: ref(op.parent), to: ref(i), shipStrategy: 'FORWARD', path: description });
    });
    const parents = chain.flatMap((op) => (op.parent === undefined ? [] : [op.parent]));
    chains.set(node.id, {
      head: ref(0),
      tail: ref(chain.length - 1),
      tailName: chain.at(-1)!.name,
      branches: new Set(parents).size < parents.length,
    });
  });

  nodes.forEach((node, index) => {
    (node.inputs ?? []).forEach((input, i) => {
      const path = [...at, 'nodes', index, 'inputs', i];
      const upstream = chains.get(input.id);
      const downstream = chains.get(node.id);
      if (upstream === undefined) {
        if (!nodes.some((n) => n.id === input.id))
          problems.push({ path: jsonPath([...path, 'id']), message: `no node has id "${input.id}"` });
        return;
      }
      if (downstream === undefined) return;
      const notes = [];
      if (upstream.branches)
        notes.push(
          `the upstream chain branches and the plan does not say which branch feeds this input; connected from its last operator "${upstream.tailName}"`,
        );
      if (input.exchange !== undefined && !PIPELINED_EXCHANGES.has(input.exchange))
        notes.push(`Flink exchanged this data "${input.exchange}"; Sluice streams it pipelined`);
      plan.exchanges.push({
        from: upstream.tail,
        to: downstream.head,
        shipStrategy: input.ship_strategy,
        path: jsonPath([...path, 'ship_strategy']),
        ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
      });
    });
  });
  return problems.length > 0 ? { problems } : plan;
}
