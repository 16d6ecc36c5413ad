/** The deterministic topological order (ties by the order given), now linear: against its definition, and large. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologicalOrder } from '../src/index.js';

/** The definition, step by step: the earliest node in the order given whose inputs are all placed. */
function byDefinition(nodes: readonly string[], inputsOf: (node: string) => readonly string[]) {
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

describe('topologicalOrder', () => {
  it('is the earliest-ready order of its definition, cycles and unknown inputs included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.array(fc.tuple(fc.nat(13), fc.nat(12))), (count, edges) => {
        const nodes = Array.from({ length: count }, (_, i) => `n${i}`);
        const inputs = new Map<string, string[]>();
        for (const [from, to] of edges) inputs.set(`n${to}`, [...(inputs.get(`n${to}`) ?? []), `n${from}`]);
        const inputsOf = (node: string) => inputs.get(node) ?? [];
        expect(topologicalOrder(nodes, inputsOf)).toEqual(byDefinition(nodes, inputsOf));
      }),
      { numRuns: 500 },
    );
  });

  it('orders a chain of 100,000 nodes given last to first', () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => `n${99_999 - i}`);
    const { order, unordered } = topologicalOrder(nodes, (node) => {
      const i = Number(node.slice(1));
      return i === 0 ? [] : [`n${i - 1}`];
    });
    expect(unordered).toEqual([]);
    expect(order[0]).toBe('n0');
    expect(order.at(-1)).toBe('n99999');
  });
});
