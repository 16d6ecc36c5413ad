import { describe, expect, it } from 'vitest';
import { defaultPartitioner, effectivePartitioner } from '../src/index.js';
import { pipeline } from './job-graphs.js';

describe('partitioner of an edge (§1 Operator chaining, last paragraph)', () => {
  it('is forward between equal parallelisms and rebalance otherwise', () => {
    expect(defaultPartitioner(3, 3)).toBe('forward');
    expect(defaultPartitioner(2, 4)).toBe('rebalance');
    expect(defaultPartitioner(4, 2)).toBe('rebalance');
  });

  it("is the edge's own partitioner when set, else the default for its operators' parallelisms", () => {
    const graph = pipeline();
    expect(effectivePartitioner({ source: 'src', target: 'double', partitioner: 'shuffle' }, graph)).toBe('shuffle');
    expect(effectivePartitioner({ source: 'src', target: 'double' }, graph)).toBe('forward');
    expect(effectivePartitioner({ source: 'double', target: 'out' }, graph)).toBe('rebalance');
  });

  it('names a missing operator', () => {
    expect(() => effectivePartitioner({ source: 'src', target: 'ghost' }, pipeline())).toThrow(
      'no operator with id "ghost"',
    );
  });
});
