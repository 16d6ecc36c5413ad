import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EdgeSpec, OperatorSpec, Partitioner } from '@sluice/model';
import { planExecutionGraph } from '../src/index.js';
import { edge, jobGraph, op } from './job-graphs.js';
import { slotContents } from './slot-contents.js';

describe('§2 Placement, LocalInputPreferredSlotSharingStrategy [LIP]', () => {
  it('rescale 2→4: only the first consumer of each producer lands in its slot; the rest wait for the second pass', () => {
    const eg = planExecutionGraph(
      jobGraph([op('a', 'source.sequence', 2), op('b', 'map', 4)], [edge('a', 'b', { partitioner: 'rescale' })]),
    );
    // b#1 is not put into a#1's slot ahead of b#2, which prefers it: leftovers are placed after all preferences.
    expect(slotContents(eg)).toEqual([['a#0', 'b#0'], ['a#1', 'b#2'], ['b#1'], ['b#3']]);
    expect(eg.slotsRequired).toBe(4);
  });

  it('rescale 5→3: a consumer takes the slot of the first of its pointwise producers', () => {
    const eg = planExecutionGraph(
      jobGraph([op('a', 'source.sequence', 5), op('b', 'map', 3)], [edge('a', 'b', { partitioner: 'rescale' })]),
    );
    expect(slotContents(eg)).toEqual([['a#0', 'b#0'], ['a#1', 'b#1'], ['a#2'], ['a#3', 'b#2'], ['a#4']]);
  });

  it('a consumer whose first input is in another slot sharing group follows its second input', () => {
    const eg = planExecutionGraph(
      jobGraph(
        [
          op('x', 'source.sequence', 2, { slotSharingGroup: 'other' }),
          op('y', 'source.sequence', 2),
          op('u', 'map', 2, { slotSharingGroup: 'default' }),
        ],
        [edge('x', 'u', { partitioner: 'rebalance' }), edge('y', 'u', { partitioner: 'rebalance' })],
      ),
    );
    expect(slotContents(eg)).toEqual([['x#0'], ['x#1'], ['y#0', 'u#0'], ['y#1', 'u#1']]);
    expect(eg.slotsRequired).toBe(4);
  });
});

/** Random valid-shaped JobGraphs: operator i > 0 reads from one or two earlier operators. */
const randomJobGraph = fc
  .array(
    fc.record({
      parallelism: fc.integer({ min: 1, max: 6 }),
      chaining: fc.constantFrom(undefined, 'ALWAYS', 'HEAD', 'NEVER'),
      group: fc.constantFrom(undefined, undefined, 'g1'),
      inputs: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
      partitioner: fc.constantFrom<Partitioner | undefined>(
        undefined,
        'forward',
        'rebalance',
        'rescale',
        'shuffle',
        'broadcast',
        'hash',
      ),
    }),
    { minLength: 1, maxLength: 7 },
  )
  .map((specs) => {
    const operators: OperatorSpec[] = specs.map((s, i) =>
      op(`o${i}`, i === 0 ? 'source.sequence' : 'map', s.parallelism, {
        ...(s.chaining ? { chaining: s.chaining } : {}),
        ...(s.group ? { slotSharingGroup: s.group } : {}),
      }),
    );
    const edges: EdgeSpec[] = specs.slice(1).flatMap((s, k) => {
      const target = k + 1;
      return [...new Set(s.inputs.map((n) => n % target))].map((source) => {
        const equal = operators[source]?.parallelism === operators[target]?.parallelism;
        // Forward between unequal parallelisms is invalid in Flink and rejected by validation.
        const partitioner = s.partitioner === 'forward' && !equal ? 'rescale' : s.partitioner;
        return edge(
          `o${source}`,
          `o${target}`,
          partitioner ? { partitioner, ...(partitioner === 'hash' ? { key: 'v => v' } : {}) } : {},
        );
      });
    });
    return jobGraph(operators, edges);
  });

describe('§2 placement invariants (property)', () => {
  it('every subtask is placed exactly once, no slot holds two subtasks of one vertex, slots == slotsRequired', () => {
    fc.assert(
      fc.property(randomJobGraph, (graph) => {
        const eg = planExecutionGraph(graph);
        const placed = slotContents(eg).flat();
        const expected = eg.vertices.flatMap((v) => Array.from({ length: v.parallelism }, (_, i) => `${v.id}#${i}`));
        expect([...placed].sort()).toEqual([...expected].sort());
        for (const slot of eg.slots) {
          const vertexIds = slot.subtasks.map((s) => s.vertexId);
          expect(new Set(vertexIds).size).toBe(vertexIds.length);
          for (const id of vertexIds)
            expect(eg.vertices.find((v) => v.id === id)?.slotSharingGroup).toBe(slot.slotSharingGroup);
        }
        expect(eg.slots).toHaveLength(eg.slotsRequired);
        // Every operator runs in exactly one JobVertex.
        expect(eg.vertices.flatMap((v) => v.operators).sort()).toEqual(graph.operators.map((o) => o.id).sort());
      }),
      { numRuns: 300 },
    );
  });
});
