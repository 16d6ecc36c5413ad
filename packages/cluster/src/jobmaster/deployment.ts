/**
 * Builds the TaskDeploymentDescriptors of a job: for every subtask, its chain, where it runs, and its
 * channels, wired as Flink's EdgeManagerBuildUtil does (ALL_TO_ALL: every producer feeds every consumer;
 * POINTWISE: the planner's pointwise ranges, see flink-semantics §3).
 */
import type { InputGateDescriptor, ResultPartitionDescriptor, TaskDeploymentDescriptor, TaskLocation } from '@sluice/engine';
import { DEFAULTS, type JobConfig } from '@sluice/model';
import { pointwiseConsumers, pointwiseProducers, type ExecutionGraph, type JobEdge, type JobVertex } from '@sluice/planner';
import type { SlotPlacement } from '../resourcemanager/resource-manager.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export const subtaskKey = (vertexId: string, subtaskIndex: number): string => `${vertexId}/${subtaskIndex}`;

/** Where every subtask runs: the slot its planned shared slot was granted. */
export function subtaskLocations(graph: ExecutionGraph, placements: SlotPlacement[]): Map<string, TaskLocation> {
  const locations = new Map<string, TaskLocation>();
  graph.slots.forEach((plan, i) => {
    const placement = placements[i];
    if (!placement) throw new Error(`no slot granted for planned slot ${i}`);
    for (const { vertexId, subtaskIndex } of plan.subtasks) locations.set(subtaskKey(vertexId, subtaskIndex), { ...placement });
  });
  return locations;
}

export class DeploymentPlanner {
  private readonly vertices: Map<string, JobVertex>;

  constructor(
    private readonly jobId: string,
    private readonly graph: ExecutionGraph,
    private readonly jobConfig: JobConfig,
    private readonly locations: Map<string, TaskLocation>,
  ) {
    this.vertices = new Map(graph.vertices.map((vertex) => [vertex.id, vertex]));
  }

  descriptors(attemptNumber: number): TaskDeploymentDescriptor[] {
    return this.graph.vertices.flatMap((vertex) => range(vertex.parallelism).map((subtaskIndex) => this.descriptor(vertex, subtaskIndex, attemptNumber)));
  }

  private descriptor(vertex: JobVertex, subtaskIndex: number, attemptNumber: number): TaskDeploymentDescriptor {
    return {
      jobId: this.jobId,
      attemptNumber,
      vertexId: vertex.id,
      taskName: vertex.name,
      subtaskIndex,
      parallelism: vertex.parallelism,
      maxParallelism: vertex.maxParallelism,
      location: this.location(vertex.id, subtaskIndex),
      operators: vertex.operators.map((id) => {
        const operator = this.graph.operators[id];
        if (!operator) throw new Error(`vertex ${vertex.id} chains unknown operator ${id}`);
        return operator;
      }),
      chainedEdges: vertex.chainedEdges.map((edge) => ({ ...edge })),
      inputGates: this.graph.edges.filter((edge) => edge.target === vertex.id).map((edge) => this.inputGate(edge, subtaskIndex)),
      resultPartitions: this.graph.edges.filter((edge) => edge.source === vertex.id).map((edge) => this.resultPartition(edge, subtaskIndex)),
      jobConfig: this.jobConfig,
      network: {
        bufferSizeBytes: DEFAULTS.bufferSizeBytes,
        bufferTimeoutMs: this.jobConfig.bufferTimeoutMs ?? DEFAULTS.bufferTimeoutMs,
        buffersPerChannel: DEFAULTS.buffersPerChannel,
        floatingBuffersPerGate: DEFAULTS.floatingBuffersPerGate,
      },
    };
  }

  private inputGate(edge: JobEdge, consumerSubtask: number): InputGateDescriptor {
    const producerParallelism = this.vertex(edge.source).parallelism;
    const producers =
      edge.distribution === 'ALL_TO_ALL'
        ? range(producerParallelism)
        : pointwiseProducers(consumerSubtask, producerParallelism, this.vertex(edge.target).parallelism);
    const gate: InputGateDescriptor = {
      edgeIndex: edge.index,
      sourceVertexId: edge.source,
      partitioner: edge.partitioner,
      producers: producers.map((subtaskIndex) => ({ subtaskIndex, location: this.location(edge.source, subtaskIndex) })),
    };
    if (edge.key !== undefined) gate.key = edge.key;
    return gate;
  }

  private resultPartition(edge: JobEdge, producerSubtask: number): ResultPartitionDescriptor {
    const consumer = this.vertex(edge.target);
    const consumers =
      edge.distribution === 'ALL_TO_ALL'
        ? range(consumer.parallelism)
        : pointwiseConsumers(producerSubtask, this.vertex(edge.source).parallelism, consumer.parallelism);
    const partition: ResultPartitionDescriptor = {
      edgeIndex: edge.index,
      sourceOperator: edge.sourceOperator,
      targetVertexId: edge.target,
      partitioner: edge.partitioner,
      consumerParallelism: consumer.parallelism,
      consumerMaxParallelism: consumer.maxParallelism,
      consumers: consumers.map((subtaskIndex) => ({ subtaskIndex, location: this.location(edge.target, subtaskIndex) })),
    };
    if (edge.key !== undefined) partition.key = edge.key;
    if (edge.sideOutput !== undefined) partition.sideOutput = edge.sideOutput;
    return partition;
  }

  private vertex(id: string): JobVertex {
    const vertex = this.vertices.get(id);
    if (!vertex) throw new Error(`unknown JobVertex ${id}`);
    return vertex;
  }

  private location(vertexId: string, subtaskIndex: number): TaskLocation {
    const location = this.locations.get(subtaskKey(vertexId, subtaskIndex));
    if (!location) throw new Error(`subtask ${vertexId}#${subtaskIndex} has no slot`);
    return location;
  }
}
