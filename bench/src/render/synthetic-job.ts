/** The render bench's job: 20 pipelines of 10 operators, every operator at parallelism 32, chaining off so each is its own JobVertex. */
import type { JobGraph } from '@sluice/model';

export const PIPELINES = 20;
export const DEPTH = 10;
export const PARALLELISM = 32;

export function renderBenchJob(): JobGraph {
  const operators: JobGraph['operators'] = [];
  const edges: JobGraph['edges'] = [];
  for (let p = 0; p < PIPELINES; p += 1) {
    for (let d = 0; d < DEPTH; d += 1) {
      const id = `p${p}-o${d}`;
      const kind = d === 0 ? 'source.sequence' : d === DEPTH - 1 ? 'sink.discard' : 'map';
      const params = d === 0 ? { from: 1 } : d === DEPTH - 1 ? {} : { fn: '(v, ctx) => v' };
      operators.push({
        id,
        kind,
        parallelism: PARALLELISM,
        chaining: 'NEVER',
        params,
        position: { x: d * 240, y: p * 140 },
      });
      if (d > 0) edges.push({ source: `p${p}-o${d - 1}`, target: id, partitioner: 'forward' });
    }
  }
  return { version: 1, name: 'render bench', operators, edges };
}
