/**
 * `union`: Flink has no union operator at runtime, the union's inputs simply all feed the consumer. Here the
 * union is a JobGraph node that heads its own chain (it has several inputs, §1 rule 1), so it runs as a
 * pass-through: every input gate of the task feeds it, and it forwards records and event time unchanged.
 */
import type { StreamRecord } from '../../elements/stream-element.js';
import { AbstractStreamOperator } from '../stream-operator.js';

export class UnionOperator extends AbstractStreamOperator {
  processElement(input: StreamRecord): void {
    this.output.collect(input);
  }
}
