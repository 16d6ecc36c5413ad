/**
 * Flink's StreamGroupedReduceOperator, behind KeyedStream.reduce/sum/min/max: a rolling aggregation per key.
 * The first record of a key becomes its accumulator unchanged; every later one is reduced into it; every input
 * record emits the updated accumulator, with the input's timestamp.
 */
import { record, type StreamRecord } from '../../elements/stream-element.js';
import { AbstractStreamOperator, type Output } from '../stream-operator.js';
import type { KeyedStateBackend } from './keyed-state-backend.js';

export type KeySelector = (value: unknown) => unknown;
export type ReduceFunction = (accumulator: unknown, value: unknown) => unknown;

/** A box, so an accumulator that is `undefined` is still state that exists. */
export interface ReduceState {
  accumulator: unknown;
}

export class StreamGroupedReduceOperator extends AbstractStreamOperator {
  constructor(
    private readonly keySelector: KeySelector,
    private readonly reduce: ReduceFunction,
    private readonly state: KeyedStateBackend<ReduceState>,
    output: Output,
  ) {
    super(output);
  }

  processElement(input: StreamRecord): void {
    this.state.setCurrentKey(this.keySelector(input.value));
    const current = this.state.value();
    const accumulator = current === undefined ? input.value : this.reduce(current.accumulator, input.value);
    // The state keeps its own copy: a reduce function that updates its accumulator in place must not change
    // records already emitted (Flink gets this from copying them into chained operators and serializers).
    // Primitives cannot be changed in place, and structuredClone is costly per record, so only objects are copied.
    this.state.update({ accumulator: typeof accumulator === 'object' && accumulator !== null ? structuredClone(accumulator) : accumulator });
    this.output.collect(record(accumulator, input.timestamp));
  }
}
