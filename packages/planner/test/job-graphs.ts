/** Small JobGraph builders for the planner tests: only what planning reads, with defaults for the rest. */
import type { EdgeSpec, JobConfig, JobGraph, OperatorKind, OperatorSpec } from '@sluice/model';

export const op = (
  id: string,
  kind: OperatorKind,
  parallelism: number,
  extra: Partial<OperatorSpec> = {},
): OperatorSpec => ({ id, kind, parallelism, ...extra });

export const edge = (source: string, target: string, extra: Partial<EdgeSpec> = {}): EdgeSpec => ({
  source,
  target,
  ...extra,
});

export const jobGraph = (operators: OperatorSpec[], edges: EdgeSpec[], config?: JobConfig): JobGraph => ({
  version: 1,
  name: 'test job',
  ...(config ? { config } : {}),
  operators,
  edges,
});

/** semantics §8 Ex 5: src(p2) → map(p2) → keyBy → window(p3) → sink(p3), all in the default group. */
export function ex5(change: { map?: Partial<OperatorSpec>; sink?: Partial<OperatorSpec> } = {}): JobGraph {
  return jobGraph(
    [
      op('src', 'source.sequence', 2, { name: 'Source', params: { from: 1, to: 100 } }),
      op('map', 'map', 2, { name: 'Map', params: { fn: 'v => v' }, ...change.map }),
      op('window', 'window', 3, {
        name: 'Window',
        params: { assigner: { type: 'tumbling', sizeMs: 5, time: 'event' }, aggregate: { sum: 'n' } },
      }),
      op('sink', 'sink.collect', 3, { name: 'Sink', ...change.sink }),
    ],
    [edge('src', 'map'), edge('map', 'window', { partitioner: 'hash', key: 'r => r.user' }), edge('window', 'sink')],
  );
}
