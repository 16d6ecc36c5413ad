/**
 * What the JobMaster sends to a TaskManager to run one subtask (Flink's TaskDeploymentDescriptor).
 * Plain data: it crosses process and thread boundaries as structured clone / JSON.
 */
import type { JobConfig, OperatorSpec, Partitioner } from '@sluice/model';
import type { ChainedEdge } from '@sluice/planner';
import type { TaskStateSnapshot } from '../checkpoint/task-state-snapshot.js';

/** Where a task runs: a TaskManager and a slot in it. */
export interface TaskLocation {
  taskManagerId: string;
  slotIndex: number;
}

/** Identifies one channel: edge (result partition) × producer subtask × consumer subtask. */
export interface ChannelId {
  edgeIndex: number;
  producerSubtask: number;
  consumerSubtask: number;
}

/** Compact string form of a ChannelId, used as a map key and on the wire: "e<edge>:<producer>><consumer>". */
export const channelKey = (c: ChannelId): string => `e${c.edgeIndex}:${c.producerSubtask}>${c.consumerSubtask}`;

export function parseChannelKey(key: string): ChannelId {
  const m = /^e(\d+):(\d+)>(\d+)$/.exec(key);
  if (!m) throw new Error(`not a channel key: ${key}`);
  return { edgeIndex: Number(m[1]), producerSubtask: Number(m[2]), consumerSubtask: Number(m[3]) };
}

/** One outgoing JobEdge of this task: a ResultPartition with one subpartition per connected consumer. */
export interface ResultPartitionDescriptor {
  edgeIndex: number;
  /** Operator in this chain that emits into the partition. */
  sourceOperator: string;
  targetVertexId: string;
  partitioner: Partitioner;
  key?: string;
  sideOutput?: string;
  /** Consumer's parallelism and max parallelism (the key-group space of a hash edge). */
  consumerParallelism: number;
  consumerMaxParallelism: number;
  /** Consumer subtasks this subtask feeds, in subpartition order, with where they run. */
  consumers: { subtaskIndex: number; location: TaskLocation }[];
}

/** One incoming JobEdge of this task: an InputGate with one channel per connected producer. */
export interface InputGateDescriptor {
  edgeIndex: number;
  sourceVertexId: string;
  partitioner: Partitioner;
  /** The key selector of a hash edge: the keyed operator heading this chain reads its key with it (Flink's KeyedStream). */
  key?: string;
  /** Into a two-input chain head: the input this gate feeds (Flink's TwoInputStreamTask). */
  input?: 1 | 2;
  /** Producer subtasks this subtask reads, in channel order, with where they run. */
  producers: { subtaskIndex: number; location: TaskLocation }[];
}

/** One output channel of a task: the subpartition of `partition` that feeds `consumer`. */
export interface TaskOutputChannel {
  key: string;
  partition: ResultPartitionDescriptor;
  consumer: ResultPartitionDescriptor['consumers'][number];
}

/** One input channel of a task: the channel of `gate` that `producer` feeds. */
export interface TaskInputChannel {
  key: string;
  gate: InputGateDescriptor;
  producer: InputGateDescriptor['producers'][number];
}

/** Every output channel of a task, partition by partition in subpartition order. */
export const outputChannelsOf = (tdd: TaskDeploymentDescriptor): TaskOutputChannel[] =>
  tdd.resultPartitions.flatMap((partition) =>
    partition.consumers.map((consumer) => ({
      key: channelKey({
        edgeIndex: partition.edgeIndex,
        producerSubtask: tdd.subtaskIndex,
        consumerSubtask: consumer.subtaskIndex,
      }),
      partition,
      consumer,
    })),
  );

/** Every input channel of a task, gate by gate in channel order. */
export const inputChannelsOf = (tdd: TaskDeploymentDescriptor): TaskInputChannel[] =>
  tdd.inputGates.flatMap((gate) =>
    gate.producers.map((producer) => ({
      key: channelKey({
        edgeIndex: gate.edgeIndex,
        producerSubtask: producer.subtaskIndex,
        consumerSubtask: tdd.subtaskIndex,
      }),
      gate,
      producer,
    })),
  );

export interface NetworkConfig {
  bufferSizeBytes: number;
  bufferTimeoutMs: number;
  buffersPerChannel: number;
  floatingBuffersPerGate: number;
}

export interface TaskDeploymentDescriptor {
  jobId: string;
  /** Restart attempt, from 0; user functions see it as ctx.attemptNumber. */
  attemptNumber: number;
  vertexId: string;
  taskName: string;
  subtaskIndex: number;
  parallelism: number;
  maxParallelism: number;
  location: TaskLocation;
  /** The chain: operators in topological order (head first) and the forward edges between them. */
  operators: OperatorSpec[];
  chainedEdges: ChainedEdge[];
  inputGates: InputGateDescriptor[];
  resultPartitions: ResultPartitionDescriptor[];
  jobConfig: JobConfig;
  network: NetworkConfig;
  /** Recovery or a savepoint: this subtask's share of the checkpoint's state, already repartitioned by the JobMaster. */
  restoredState?: TaskStateSnapshot;
  /** The checkpoint restoredState comes from. */
  restoredCheckpointId?: number;
}
