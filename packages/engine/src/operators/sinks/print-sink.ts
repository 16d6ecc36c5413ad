/**
 * `sink.print`: Flink's PrintSink. With parallelism > 1 each line starts with "N> ", N = subtask index + 1,
 * so interleaved output shows which subtask printed it; with parallelism 1 the value stands alone.
 */
import type { StreamRecord } from '../../elements/stream-element.js';
import type { RuntimeContext } from '../../functions/user-function.js';
import type { TaskHost } from '../../task/host.js';
import type { OneInputStreamOperator } from '../stream-operator.js';

/** Java's toString, approximately: primitives as String() shows them (NaN, Infinity), objects and arrays as JSON. */
export function printable(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // A value JSON cannot show (a cycle): still print something rather than fail the job.
    return String(value);
  }
}

export class PrintSink implements OneInputStreamOperator {
  private readonly prefix: string;

  constructor(
    context: RuntimeContext,
    private readonly host: TaskHost,
  ) {
    this.prefix = context.parallelism > 1 ? `${context.subtaskIndex + 1}> ` : '';
  }

  processElement(input: StreamRecord): void {
    this.host.print(this.prefix + printable(input.value));
  }

  processWatermark(): void {}
  processWatermarkStatus(): void {}
  open(): void {}
  finish(): void {}
  close(): void {}
}
