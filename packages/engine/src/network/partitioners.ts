/**
 * Channel selection of a ResultPartition (Flink's StreamPartitioners, §3). Channels are the partition's
 * subpartitions, in the order of the descriptor's consumers.
 */
import { assignKeyToParallelOperator } from '@sluice/planner';
import type { StreamRecord } from '../elements/stream-element.js';
import type { ResultPartitionDescriptor } from '../task/deployment.js';
import type { RuntimeContext, UserFunction } from '../functions/user-function.js';
import { compileUserFunction } from '../functions/user-function.js';
import type { SeededRandom } from '../util/seeded-random.js';

/** Returns the channel for one record, or 'all' (broadcast). */
export type ChannelSelector = (record: StreamRecord) => number | 'all';

export function createChannelSelector(
  partition: ResultPartitionDescriptor,
  ctx: RuntimeContext,
  random: SeededRandom,
): ChannelSelector {
  const n = partition.consumers.length;
  switch (partition.partitioner) {
    case 'forward':
      if (n !== 1)
        throw new Error(`forward edge e${partition.edgeIndex} must have exactly one consumer per producer, got ${n}`);
      return () => 0;
    case 'rebalance':
      return rebalanceSelector(n, random.nextInt(n));
    case 'rescale':
      return rescaleSelector(n);
    case 'shuffle':
      return () => random.nextInt(n);
    case 'broadcast':
      return () => 'all';
    case 'hash':
      return hashSelector(partition, ctx);
  }
}

/** RebalancePartitioner: `setup` picks `start` at random in [0, n); every record takes the next channel. */
export function rebalanceSelector(n: number, start: number): ChannelSelector {
  let next = start;
  return () => (next = (next + 1) % n);
}

/** RescalePartitioner: round robin over the subtask's own (pointwise) channels, starting at channel 0. */
export const rescaleSelector = (n: number): ChannelSelector => rebalanceSelector(n, n - 1);

/** Flink's NullByteKeySelector, by which a windowAll keys its input: one key, Byte 0, whose hashCode is 0. */
const nullByteKey: UserFunction = () => 0;

function hashSelector(partition: ResultPartitionDescriptor, ctx: RuntimeContext): ChannelSelector {
  const keySelector: UserFunction =
    partition.key === undefined
      ? nullByteKey
      : compileUserFunction(
          partition.key,
          partition.sourceOperator,
          `edge ${partition.sourceOperator} -> ${partition.targetVertexId} key`,
        );
  // The consumer's subtask index → this producer's subpartition (all of them, for an all-to-all hash edge).
  const channelOf = new Map(partition.consumers.map((c, i) => [c.subtaskIndex, i]));
  return (record) => {
    const key = keySelector(record.value, ctx);
    // Flink's KeyGroupRangeAssignment fails the job on a null key; say which edge's selector returned it.
    if (key === null || key === undefined)
      throw new Error(
        `Assigned key must not be null! The key selector of edge ${partition.sourceOperator} -> ${partition.targetVertexId} returned ${String(key)} for ${JSON.stringify(record.value) ?? String(record.value)}`,
      );
    const operatorIndex = assignKeyToParallelOperator(
      key,
      partition.consumerMaxParallelism,
      partition.consumerParallelism,
    );
    const channel = channelOf.get(operatorIndex);
    if (channel === undefined)
      throw new Error(
        `key ${String(key)} belongs to subtask ${operatorIndex}, which edge e${partition.edgeIndex} does not feed`,
      );
    return channel;
  };
}
