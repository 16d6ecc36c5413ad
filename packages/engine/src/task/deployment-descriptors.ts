/**
 * Builds the TaskDeploymentDescriptors of a job: for every subtask, its chain, where it runs, and its
 * channels, wired as Flink's EdgeManagerBuildUtil does (ALL_TO_ALL: every producer feeds every consumer;
 * POINTWISE: the planner's pointwise ranges, semantics §3). Pure: the cluster's JobMaster and the
 * in-process runner (src/local) deploy from the same descriptors.
 */
import { DEFAULTS, type JobConfig } from '@sluice/model';
import {
  pointwiseConsumers,
  pointwiseProducers,
  type ExecutionGraph,
  type JobEdge,
  type JobVertex,
} from '@sluice/planner';
import type {
  InputGateDescriptor,
  ResultPartitionDescriptor,
  TaskDeploymentDescriptor,
  TaskLocation,
} from './deployment.js';

export interface DeploymentInput {
  jobId: string;
  graph: ExecutionGraph;
  jobConfig: JobConfig;
  attemptNumber: number;
  /** Where a subtask runs (the slot its planned shared slot was granted). */
  locate(vertexId: string, subtaskIndex: number): TaskLocation;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export function buildTaskDeploymentDescriptors(input: DeploymentInput): TaskDeploymentDescriptor[] {
  const { graph } = input;
  const vertices = new Map(graph.vertices.map((vertex) => [vertex.id, vertex]));
  const vertex = (id: string): JobVertex => {
    const v = vertices.get(id);
    if (!v) throw new Error(`unknown JobVertex ${id}`);
    return v;
  };

  const inputGate = (edge: JobEdge, consumerSubtask: number): InputGateDescriptor => {
    const producerParallelism = vertex(edge.source).parallelism;
    const producers =
      edge.distribution === 'ALL_TO_ALL'
        ? range(producerParallelism)
        : pointwiseProducers(consumerSubtask, producerParallelism, vertex(edge.target).parallelism);
    const gate: InputGateDescriptor = {
      edgeIndex: edge.index,
      sourceVertexId: edge.source,
      partitioner: edge.partitioner,
      producers: producers.map((subtaskIndex) => ({ subtaskIndex, location: input.locate(edge.source, subtaskIndex) })),
    };
    if (edge.key !== undefined) gate.key = edge.key;
    if (edge.input !== undefined) gate.input = edge.input;
    return gate;
  };

  const resultPartition = (edge: JobEdge, producerSubtask: number): ResultPartitionDescriptor => {
    const consumer = vertex(edge.target);
    const consumers =
      edge.distribution === 'ALL_TO_ALL'
        ? range(consumer.parallelism)
        : pointwiseConsumers(producerSubtask, vertex(edge.source).parallelism, consumer.parallelism);
    const partition: ResultPartitionDescriptor = {
      edgeIndex: edge.index,
      sourceOperator: edge.sourceOperator,
      targetVertexId: edge.target,
      partitioner: edge.partitioner,
      consumerParallelism: consumer.parallelism,
      consumerMaxParallelism: consumer.maxParallelism,
      consumers: consumers.map((subtaskIndex) => ({ subtaskIndex, location: input.locate(edge.target, subtaskIndex) })),
    };
    if (edge.key !== undefined) partition.key = edge.key;
    if (edge.sideOutput !== undefined) partition.sideOutput = edge.sideOutput;
    return partition;
  };

  const descriptor = (v: JobVertex, subtaskIndex: number): TaskDeploymentDescriptor => ({
    jobId: input.jobId,
    attemptNumber: input.attemptNumber,
    vertexId: v.id,
    taskName: v.name,
    subtaskIndex,
    parallelism: v.parallelism,
    maxParallelism: v.maxParallelism,
    location: input.locate(v.id, subtaskIndex),
    operators: v.operators.map((id) => {
      const operator = graph.operators[id];
      if (!operator) throw new Error(`vertex ${v.id} chains unknown operator ${id}`);
      return operator;
    }),
    chainedEdges: v.chainedEdges.map((edge) => ({ ...edge })),
    inputGates: graph.edges.filter((edge) => edge.target === v.id).map((edge) => inputGate(edge, subtaskIndex)),
    resultPartitions: graph.edges
      .filter((edge) => edge.source === v.id)
      .map((edge) => resultPartition(edge, subtaskIndex)),
    jobConfig: input.jobConfig,
    network: {
      bufferSizeBytes: input.jobConfig.bufferSizeBytes ?? DEFAULTS.bufferSizeBytes,
      bufferTimeoutMs: input.jobConfig.bufferTimeoutMs ?? DEFAULTS.bufferTimeoutMs,
      buffersPerChannel: input.jobConfig.buffersPerChannel ?? DEFAULTS.buffersPerChannel,
      floatingBuffersPerGate: input.jobConfig.floatingBuffersPerGate ?? DEFAULTS.floatingBuffersPerGate,
    },
  });

  return graph.vertices.flatMap((v) => range(v.parallelism).map((subtaskIndex) => descriptor(v, subtaskIndex)));
}
