/** A read Flink plan → a Sluice JobGraph, with a note for everything that is not exactly what Flink ran. */
import type { EdgeSpec, JobGraph, OperatorSpec } from '../jobgraph.js';
import { topologicalOrder } from '../topological-order.js';
import { mapFlinkOperator } from './flink-operator.js';
import type { FlinkPlan, FlinkPlanOperator, ImportMessage } from './flink-plan.js';
import { mapShipStrategy } from './ship-strategy.js';

export type ImportResult = { jobGraph: JobGraph; notes: ImportMessage[] } | { problems: ImportMessage[] };

/** Readable ids from Flink's names ("Flat Map" → "flat-map"), numbered on repeats, within what ids allow. */
function operatorIds(operators: readonly FlinkPlanOperator[]): Map<string, string> {
  const taken = new Set<string>();
  const ids = new Map<string, string>();
  for (const op of operators) {
    const base =
      op.flinkName
        .split(/[([]/)[0]!
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 40)
        .replace(/^-+|-+$/g, '') || 'operator';
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(op.ref, id);
  }
  return ids;
}

/** Upstream operators first, otherwise in file order. */
function operatorOrder(plan: FlinkPlan): FlinkPlanOperator[] | { problems: ImportMessage[] } {
  const byRef = new Map(plan.operators.map((op) => [op.ref, op]));
  const { order, unordered } = topologicalOrder(
    plan.operators.map((op) => op.ref),
    (ref) => plan.exchanges.filter((e) => e.to === ref).map((e) => e.from),
  );
  const [first] = unordered;
  if (first !== undefined) {
    const ordered = new Set(order);
    const stuck = plan.exchanges.find((e) => e.to === first && !ordered.has(e.from))!;
    return {
      problems: [
        {
          path: stuck.path,
          message: `"${byRef.get(first)!.flinkName}" is on a cycle of exchanges; a Flink plan is acyclic`,
        },
      ],
    };
  }
  return order.map((ref) => byRef.get(ref)!);
}

export function toJobGraph(plan: FlinkPlan, name: string): ImportResult {
  const order = operatorOrder(plan);
  if (!Array.isArray(order)) return order;
  const ids = operatorIds(order);
  const notes: ImportMessage[] = [];
  const operators = order.map((op): OperatorSpec => {
    const mapped = mapFlinkOperator(op.flinkName);
    if (mapped.kind === 'flink.unsupported')
      notes.push({
        path: op.path,
        message: `"${op.flinkName}" has no Sluice equivalent: drawn as an operator that cannot run`,
      });
    else if (mapped.note !== undefined)
      notes.push({ path: op.path, message: `"${op.flinkName}" → ${mapped.kind}: ${mapped.note}` });
    return {
      id: ids.get(op.ref)!,
      kind: mapped.kind,
      name: op.flinkName,
      parallelism: op.parallelism,
      params: mapped.params,
    };
  });
  const parallelism = new Map(order.map((op) => [op.ref, op.parallelism]));
  const position = new Map(order.map((op, i) => [op.ref, i]));
  const exchanges = [...plan.exchanges].sort(
    (a, b) => position.get(a.to)! - position.get(b.to)! || position.get(a.from)! - position.get(b.from)!,
  );
  const edges = exchanges.map((exchange): EdgeSpec => {
    const mapped = mapShipStrategy(exchange.shipStrategy, parallelism.get(exchange.to)!);
    const remarks = [mapped.note, exchange.note].filter((n) => n !== undefined);
    if (remarks.length > 0) notes.push({ path: exchange.path, message: remarks.join('; ') });
    const edge: EdgeSpec = { source: ids.get(exchange.from)!, target: ids.get(exchange.to)! };
    if (mapped.partitioner !== undefined) edge.partitioner = mapped.partitioner;
    if (mapped.key !== undefined) edge.key = mapped.key;
    return edge;
  });
  return { jobGraph: { version: 1, name, operators, edges }, notes };
}
