import { exampleById } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { planExecutionGraph, toCliPlan } from '../src/index.js';
import { slotContents } from './slot-contents.js';

function figure32() {
  const example = exampleById('figure-3-2');
  if (!example) throw new Error('the model no longer ships the figure-3-2 example');
  return example.jobGraph;
}

describe('figure 3-2: A src p4 → B map p4 → D map p4 ← C src p2 (a union input gate); D → E sink p2', () => {
  it('chains A -> B only (§1 rules 1 and 7), defaults the partitioners (§1 last paragraph), needs 4 slots (§2)', () => {
    const eg = planExecutionGraph(figure32());
    expect(eg.jobName).toBe('figure 3-2');
    expect(eg.vertices.map((v) => [v.id, v.name, v.operators, v.parallelism])).toEqual([
      ['A', 'A -> B', ['A', 'B'], 4],
      ['C', 'C', ['C'], 2],
      ['D', 'D', ['D'], 4],
      ['E', 'E', ['E'], 2],
    ]);
    expect(eg.edges.map((e) => [e.index, e.source, e.sourceOperator, e.target, e.partitioner, e.distribution])).toEqual(
      [
        [0, 'A', 'B', 'D', 'forward', 'POINTWISE'],
        [1, 'C', 'C', 'D', 'rebalance', 'ALL_TO_ALL'],
        [2, 'D', 'D', 'E', 'rebalance', 'ALL_TO_ALL'],
      ],
    );
    expect(eg.slotsRequired).toBe(4);
    expect(Object.keys(eg.operators)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('§2 [LIP]: D follows its forward producer A -> B; C and E take the first slots free for them', () => {
    const eg = planExecutionGraph(figure32());
    expect(slotContents(eg)).toEqual([
      ['A#0', 'C#0', 'D#0', 'E#0'],
      ['A#1', 'C#1', 'D#1', 'E#1'],
      ['A#2', 'D#2'],
      ['A#3', 'D#3'],
    ]);
  });

  it('toCliPlan prints exactly design.md Contract 2 (`sluice plan`), keys in contract order', () => {
    expect(JSON.stringify(toCliPlan(planExecutionGraph(figure32())))).toBe(
      JSON.stringify({
        slotsRequired: 4,
        vertices: [
          { id: 'A', name: 'A -> B', operators: ['A', 'B'], parallelism: 4 },
          { id: 'C', name: 'C', operators: ['C'], parallelism: 2 },
          { id: 'D', name: 'D', operators: ['D'], parallelism: 4 },
          { id: 'E', name: 'E', operators: ['E'], parallelism: 2 },
        ],
        edges: [
          { source: 'A', target: 'D', partitioner: 'forward' },
          { source: 'C', target: 'D', partitioner: 'rebalance' },
          { source: 'D', target: 'E', partitioner: 'rebalance' },
        ],
      }),
    );
  });
});
