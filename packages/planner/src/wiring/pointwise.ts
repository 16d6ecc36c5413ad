/**
 * POINTWISE wiring of forward and rescale edges, as Flink's EdgeManagerBuildUtil.connectPointwise
 * (semantics §3 [EMB]): each producer subtask feeds a contiguous run of consumer subtasks, or
 * each consumer reads a contiguous run of producers, whichever side is larger. Integer division throughout.
 */

const range = (start: number, endExclusive: number): number[] =>
  Array.from({ length: Math.max(0, endExclusive - start) }, (_, i) => start + i);
const div = (a: number, b: number): number => Math.floor(a / b);

/** The consumer subtasks producer subtask `producerSubtask` sends to. */
export function pointwiseConsumers(
  producerSubtask: number,
  producerParallelism: number,
  consumerParallelism: number,
): number[] {
  const [p, c] = [producerParallelism, consumerParallelism];
  if (p === c) return [producerSubtask];
  if (p < c) return range(div(producerSubtask * c + p - 1, p), div((producerSubtask + 1) * c + p - 1, p));
  return range(0, c).filter((consumer) => pointwiseProducers(consumer, p, c).includes(producerSubtask));
}

/** The producer subtasks consumer subtask `consumerSubtask` reads from. */
export function pointwiseProducers(
  consumerSubtask: number,
  producerParallelism: number,
  consumerParallelism: number,
): number[] {
  const [p, c] = [producerParallelism, consumerParallelism];
  if (p === c) return [consumerSubtask];
  if (p > c) return range(div(consumerSubtask * p, c), div((consumerSubtask + 1) * p, c));
  return range(0, p).filter((producer) => pointwiseConsumers(producer, p, c).includes(consumerSubtask));
}
