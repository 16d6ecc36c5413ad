import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointwiseConsumers, pointwiseProducers } from '../src/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('§3 POINTWISE wiring [EMB], Ex 4 rescale', () => {
  it('2→4: src0→{0,1}, src1→{2,3}', () => {
    expect(range(2).map((i) => pointwiseConsumers(i, 2, 4))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(range(4).map((j) => pointwiseProducers(j, 2, 4))).toEqual([[0], [0], [1], [1]]);
  });

  it('3→5: {0,1}, {2,3}, {4}', () => {
    expect(range(3).map((i) => pointwiseConsumers(i, 3, 5))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('5→3: tgt0←{0}, tgt1←{1,2}, tgt2←{3,4}', () => {
    expect(range(3).map((j) => pointwiseProducers(j, 5, 3))).toEqual([[0], [1, 2], [3, 4]]);
    expect(range(5).map((i) => pointwiseConsumers(i, 5, 3))).toEqual([[0], [1], [1], [2], [2]]);
  });

  it('equal parallelism is i→i (forward)', () => {
    expect(range(3).map((i) => pointwiseConsumers(i, 3, 3))).toEqual([[0], [1], [2]]);
    expect(range(3).map((j) => pointwiseProducers(j, 3, 3))).toEqual([[0], [1], [2]]);
  });

  it('producers and consumers are inverse, and every subtask on either side is connected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), (p, c) => {
        for (const i of range(p)) {
          const consumers = pointwiseConsumers(i, p, c);
          expect(consumers.length).toBeGreaterThan(0);
          for (const j of consumers) expect(pointwiseProducers(j, p, c)).toContain(i);
        }
        for (const j of range(c)) {
          const producers = pointwiseProducers(j, p, c);
          expect(producers.length).toBeGreaterThan(0);
          for (const i of producers) expect(pointwiseConsumers(i, p, c)).toContain(j);
        }
      }),
    );
  });
});
