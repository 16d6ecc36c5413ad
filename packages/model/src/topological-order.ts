/**
 * Kahn's algorithm, always taking the earliest ready node: every node after all of its inputs, otherwise in the
 * order given, so the same document always yields the same order. The planner orders a JobGraph's operators with
 * it, the Flink plan import the operators of a plan. Linear up to the logarithm of the ready set: each node and
 * each input is visited once (a JobGraph from a request is at most thousands of operators).
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
  /** Per node (by position), its inputs not placed yet; an input that is not a node is never placed. */
  const waiting = nodes.map((node) => inputsOf(node).length);
  const consumers = new Map<string, number[]>();
  nodes.forEach((node, position) => {
    for (const input of inputsOf(node)) {
      const positions = consumers.get(input);
      if (positions) positions.push(position);
      else consumers.set(input, [position]);
    }
  });
  const ready = new MinHeap();
  waiting.forEach((count, position) => count === 0 && ready.push(position));
  const order: string[] = [];
  const placed = new Set<number>();
  for (let position = ready.pop(); position !== undefined; position = ready.pop()) {
    const node = nodes[position]!;
    order.push(node);
    placed.add(position);
    for (const consumer of consumers.get(node) ?? []) if (--waiting[consumer]! === 0) ready.push(consumer);
  }
  return { order, unordered: nodes.filter((_, position) => !placed.has(position)) };
}

/** The ready nodes by position, the earliest first. */
class MinHeap {
  private readonly items: number[] = [];

  push(item: number): void {
    const { items } = this;
    items.push(item);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= item) break;
      items[i] = items[parent]!;
      items[parent] = item;
      i = parent;
    }
  }

  pop(): number | undefined {
    const { items } = this;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && items[left]! < items[smallest]!) smallest = left;
      if (right < items.length && items[right]! < items[smallest]!) smallest = right;
      if (smallest === i) return top;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
  }
}
