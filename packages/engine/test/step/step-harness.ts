/** What the step tests share: running a session to its end, and jobs small enough to reason about by hand. */
import type { JobGraph, OperatorSpec } from '@sluice/model';
import { createStepSession, type StepEvent, type StepSession, type StepSessionOptions } from '../../src/step/index.js';

export interface SteppedRun {
  session: StepSession;
  events: StepEvent[];
}

/** Steps a fresh session until the job ends. */
export function stepToEnd(jobGraph: JobGraph, options: StepSessionOptions): SteppedRun {
  const session = createStepSession(jobGraph, options);
  const events: StepEvent[] = [];
  for (let event = session.step(); event !== null; event = session.step()) events.push(event);
  return { session, events };
}

/** Sorts a multiset of JSON values into a canonical order, so two multisets compare with toEqual. */
export const multiset = (values: readonly unknown[]): string[] => values.map((value) => JSON.stringify(value)).sort();

export const sinkMultisets = (sinks: Record<string, unknown[]>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(sinks).map(([id, values]) => [id, multiset(values)]));

/** source (parallelism 1, the given elements) → rebalance → sink, two tasks that cannot chain. */
export function sourceToSink(elements: { value: unknown; timestamp?: number }[]): JobGraph {
  const operators: OperatorSpec[] = [
    { id: 'src', kind: 'source.collection', parallelism: 1, params: { elements } },
    { id: 'out', kind: 'sink.collect', parallelism: 1 },
  ];
  return {
    version: 1,
    name: 'source to sink',
    operators,
    edges: [{ source: 'src', target: 'out', partitioner: 'rebalance' }],
  };
}
