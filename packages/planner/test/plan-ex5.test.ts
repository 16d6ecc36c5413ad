import { describe, expect, it } from 'vitest';
import { planExecutionGraph, type ExecutionGraph } from '../src/index.js';
import { ex5 } from './job-graphs.js';
import { slotContents } from './slot-contents.js';

const vertexSummary = (eg: ExecutionGraph) =>
  eg.vertices.map(({ id, name, operators, parallelism, slotSharingGroup }) => ({
    id,
    name,
    operators,
    parallelism,
    slotSharingGroup,
  }));

describe('§8 Ex 5 job graph, chaining, slots', () => {
  it('src→map FORWARD chains, map→window HASH does not (§1 rule 9), window→sink FORWARD chains; 3 slots', () => {
    const eg = planExecutionGraph(ex5());
    expect(vertexSummary(eg)).toEqual([
      { id: 'src', name: 'Source -> Map', operators: ['src', 'map'], parallelism: 2, slotSharingGroup: 'default' },
      {
        id: 'window',
        name: 'Window -> Sink',
        operators: ['window', 'sink'],
        parallelism: 3,
        slotSharingGroup: 'default',
      },
    ]);
    expect(eg.vertices.map((v) => v.chainedEdges)).toEqual([
      [{ source: 'src', target: 'map' }],
      [{ source: 'window', target: 'sink' }],
    ]);
    expect(eg.edges).toEqual([
      {
        index: 0,
        source: 'src',
        target: 'window',
        sourceOperator: 'map',
        targetOperator: 'window',
        partitioner: 'hash',
        distribution: 'ALL_TO_ALL',
        key: 'r => r.user',
      },
    ]);
    expect(eg.vertices.map((v) => v.maxParallelism)).toEqual([128, 128]);
    expect(eg.slotsRequired).toBe(3);
  });

  it('§2 [LIP] placement: S0 = {SM0, WS0}, S1 = {SM1, WS1}, S2 = {WS2}', () => {
    const eg = planExecutionGraph(ex5());
    expect(slotContents(eg)).toEqual([['src#0', 'window#0'], ['src#1', 'window#1'], ['window#2']]);
    expect(eg.slots.map((slot) => slot.slotSharingGroup)).toEqual(['default', 'default', 'default']);
  });

  it('variant map.disableChaining(): 3 vertices, still 3 slots', () => {
    const eg = planExecutionGraph(ex5({ map: { chaining: 'NEVER' } }));
    expect(eg.vertices.map((v) => [v.name, v.parallelism])).toEqual([
      ['Source', 2],
      ['Map', 2],
      ['Window -> Sink', 3],
    ]);
    expect(eg.edges.map((e) => [e.source, e.target, e.partitioner, e.distribution])).toEqual([
      ['src', 'map', 'forward', 'POINTWISE'],
      ['map', 'window', 'hash', 'ALL_TO_ALL'],
    ]);
    expect(eg.slotsRequired).toBe(3);
    expect(slotContents(eg)).toEqual([['src#0', 'map#0', 'window#0'], ['src#1', 'map#1', 'window#1'], ['window#2']]);
  });

  it('variant sink.slotSharingGroup("sinks"): window→sink breaks (§1 rule 3); 3 + 3 = 6 slots', () => {
    const eg = planExecutionGraph(ex5({ sink: { slotSharingGroup: 'sinks' } }));
    expect(vertexSummary(eg)).toEqual([
      { id: 'src', name: 'Source -> Map', operators: ['src', 'map'], parallelism: 2, slotSharingGroup: 'default' },
      { id: 'window', name: 'Window', operators: ['window'], parallelism: 3, slotSharingGroup: 'default' },
      { id: 'sink', name: 'Sink', operators: ['sink'], parallelism: 3, slotSharingGroup: 'sinks' },
    ]);
    expect(eg.slotsRequired).toBe(6);
    // A producer in another slot sharing group is no candidate: the sinks open slots of their own.
    expect(slotContents(eg)).toEqual([
      ['src#0', 'window#0'],
      ['src#1', 'window#1'],
      ['window#2'],
      ['sink#0'],
      ['sink#1'],
      ['sink#2'],
    ]);
    expect(eg.slots.map((slot) => slot.slotSharingGroup)).toEqual([
      'default',
      'default',
      'default',
      'sinks',
      'sinks',
      'sinks',
    ]);
  });

  it('variant map.setParallelism(4): src→map becomes REBALANCE and unchained; max(2,4,3) = 4 slots', () => {
    const eg = planExecutionGraph(ex5({ map: { parallelism: 4 } }));
    expect(eg.vertices.map((v) => [v.name, v.parallelism])).toEqual([
      ['Source', 2],
      ['Map', 4],
      ['Window -> Sink', 3],
    ]);
    expect(eg.edges.map((e) => [e.source, e.target, e.partitioner, e.distribution])).toEqual([
      ['src', 'map', 'rebalance', 'ALL_TO_ALL'],
      ['map', 'window', 'hash', 'ALL_TO_ALL'],
    ]);
    expect(eg.slotsRequired).toBe(4);
    // map#2 and map#3 find no producer slot left (each candidate is offered once) and open new slots.
    expect(slotContents(eg)).toEqual([
      ['src#0', 'map#0', 'window#0'],
      ['src#1', 'map#1', 'window#1'],
      ['map#2', 'window#2'],
      ['map#3'],
    ]);
  });
});
