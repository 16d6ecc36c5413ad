/** A small valid JobGraph that tests break one rule at a time: src (p2) → double (p2) → out (p1). */
import type { JobGraph } from '../src/index.js';

export function pipeline(): JobGraph {
  return {
    version: 1,
    name: 'pipeline',
    operators: [
      { id: 'src', kind: 'source.sequence', parallelism: 2, params: { from: 1, to: 10 } },
      { id: 'double', kind: 'map', parallelism: 2, params: { fn: '(value, ctx) => value * 2' } },
      { id: 'out', kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'src', target: 'double', partitioner: 'forward' },
      { source: 'double', target: 'out', partitioner: 'rebalance' },
    ],
  };
}
