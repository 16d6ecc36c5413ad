/**
 * Kahn's algorithm, always taking the earliest ready node: every node after all of its inputs, otherwise in the
 * order given, so the same document always yields the same order. The planner orders a JobGraph's operators with
 * it, the Flink plan import the operators of a plan.
 */
export interface TopologicalOrder {
  /** Every node that could be ordered, after all of its inputs. */
  order: string[];
  /** The nodes on or behind a cycle, in the order given; empty when the graph is acyclic. */
  unordered: string[];
}

export function topologicalOrder(
  nodes: readonly string[],
  inputsOf: (node: string) => readonly string[],
): TopologicalOrder {
  const order: string[] = [];
  const placed = new Set<string>();
  const pending = [...nodes];
  for (;;) {
    const next = pending.findIndex((node) => inputsOf(node).every((input) => placed.has(input)));
    if (next === -1) return { order, unordered: pending };
    const [node] = pending.splice(next, 1) as [string];
    order.push(node);
    placed.add(node);
  }
}
