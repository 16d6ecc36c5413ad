/**
 * Flink's StreamGroupedReduceOperator, behind KeyedStream.reduce/sum/min/max: a rolling aggregation per key, kept
 * in keyed reducing state so checkpoints take it. The first record of a key becomes its accumulator unchanged;
 * every later one is reduced into it; every input record emits the updated accumulator, with the input's timestamp.
 */
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import { record, type StreamRecord } from '../../elements/stream-element.js';
import { AbstractStreamOperator, type CheckpointedOperator, type Output } from '../stream-operator.js';
import type { KeyedStateBackend, ReducingState } from './keyed-state-backend.js';

export type KeySelector = (value: unknown) => unknown;
export type ReduceFunction = (accumulator: unknown, value: unknown) => unknown;

export class StreamGroupedReduceOperator extends AbstractStreamOperator implements CheckpointedOperator {
  private readonly accumulator: ReducingState<unknown>;

  constructor(
    private readonly keySelector: KeySelector,
    reduce: ReduceFunction,
    private readonly state: KeyedStateBackend,
    output: Output,
  ) {
    super(output);
    this.accumulator = state.reducingState('accumulator', reduce);
  }

  processElement(input: StreamRecord): void {
    this.state.setCurrentKey(this.keySelector(input.value));
    this.output.collect(record(this.accumulator.add(input.value), input.timestamp));
  }

  initializeState({ keyedState }: OperatorSubtaskState): void {
    this.state.restore(keyedState);
  }

  snapshotState(): OperatorSubtaskState {
    return { keyedState: this.state.snapshot(), operatorState: [] };
  }
}
