/**
 * The chained pipeline on Sluice: a JobGraph planned by the planner into one JobVertex (source → map → filter →
 * running sum → sink.collect, all forward at parallelism 1, §1 Operator chaining), deployed as one real
 * StreamTask. The task runs in this thread under the engine's DeterministicScheduler, the host the step mode
 * uses, so the figure is the operator chain and the task's mailbox, with no thread or process around them.
 *
 * The host keeps only the last value the collect sink hands over (the final total), so the measurement does
 * not include growing an array of millions of running totals that nobody reads.
 */
import {
  DeterministicScheduler,
  localDeploymentDescriptors,
  startStreamTask,
  type TaskExecutionState,
  type TaskHost,
} from '@sluice/engine';
import { validateJobGraph, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { FILTER_FN, MAP_FN, SUM_FN } from './pipeline.js';

const SINK_ID = 'total';

export function chainedJobGraph(n: number): JobGraph {
  return {
    version: 1,
    name: 'chained: sequence → map → filter → sum',
    operators: [
      { id: 'numbers', kind: 'source.sequence', parallelism: 1, params: { from: 1, to: n } },
      { id: 'double', kind: 'map', parallelism: 1, params: { fn: MAP_FN } },
      { id: 'not-multiple-of-3', kind: 'filter', parallelism: 1, params: { fn: FILTER_FN } },
      { id: 'sum', kind: 'map', parallelism: 1, params: { fn: SUM_FN } },
      { id: SINK_ID, kind: 'sink.collect', parallelism: 1 },
    ],
    edges: [
      { source: 'numbers', target: 'double' },
      { source: 'double', target: 'not-multiple-of-3' },
      { source: 'not-multiple-of-3', target: 'sum' },
      { source: 'sum', target: SINK_ID },
    ],
  };
}

/** Runs the pipeline over 1..n in one StreamTask and returns the final sum. */
export function sluiceChain(n: number): number {
  const validation = validateJobGraph(chainedJobGraph(n));
  if (!validation.ok)
    throw new Error(
      `chained JobGraph is invalid: ${validation.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  const tdds = localDeploymentDescriptors(validation.jobGraph, planExecutionGraph(validation.jobGraph));
  if (tdds.length !== 1) throw new Error(`the chained pipeline must plan to one task, got ${tdds.length}`);

  const scheduler = new DeterministicScheduler(0);
  let total = Number.NaN;
  const outcome: { state: TaskExecutionState; failure?: string } = { state: 'DEPLOYING' };
  const host: TaskHost = {
    network: {
      send: (message) => {
        throw new Error(`a single-task job sent on channel ${message.channel}`);
      },
      onMessage: () => undefined,
    },
    time: scheduler.timeServiceFor('chain'),
    reportState: (state, failure) => {
      outcome.state = state;
      if (failure) outcome.failure = failure.stack;
    },
    emitSinkRecords: (_operatorId, values) => {
      total = values[values.length - 1] as number;
    },
    print: (line) => {
      throw new Error(`the chained pipeline has no print sink, yet printed ${line}`);
    },
  };
  startStreamTask(tdds[0]!, host);
  while (scheduler.step());
  if (outcome.state !== 'FINISHED')
    throw new Error(`the chained task ended ${outcome.state}: ${outcome.failure ?? 'no failure reported'}`);
  return total;
}
