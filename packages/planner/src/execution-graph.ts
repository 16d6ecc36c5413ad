/**
 * The physical plan of a job, as Flink's JobGraph/ExecutionGraph pair: operators chained into
 * JobVertices (one task thread per subtask), the edges between them, and where every subtask
 * runs in the shared slots.
 */
import type { OperatorSpec, Partitioner } from '@sluice/model';

/** One chain of operators = one JobVertex = one task per subtask. */
export interface JobVertex {
  /** The id of the chain's head operator. */
  id: string;
  /** Flink's chained name built from operator names (or ids when unnamed): "A -> B -> C", "A -> (B, C)" where the chain forks. */
  name: string;
  /** Operator ids of the chain in topological order; the head first. */
  operators: string[];
  /**
   * Forward edges inside the chain (operator ids); a chain may fork, so this is not implied by `operators`. An edge
   * with `sideOutput` carries only the source operator's records of that tag (Flink's ChainingOutput with an OutputTag).
   */
  chainedEdges: ChainedEdge[];
  parallelism: number;
  maxParallelism: number;
  slotSharingGroup: string;
}

export interface ChainedEdge {
  source: string;
  target: string;
  sideOutput?: string;
}

/** Flink's DistributionPattern: which producer subtasks feed which consumer subtasks. */
export type DistributionPattern = 'POINTWISE' | 'ALL_TO_ALL';

/** A non-chained edge between two JobVertices: one IntermediateDataSet and its consumers. */
export interface JobEdge {
  /** Index in ExecutionGraph.edges; names the result partition on the wire. */
  index: number;
  /** JobVertex ids. */
  source: string;
  target: string;
  /** The operator inside the source chain that emits into this edge, and the (head) operator it feeds. */
  sourceOperator: string;
  targetOperator: string;
  /** The effective partitioner (a JobGraph edge without one gets forward or rebalance, as Flink). */
  partitioner: Partitioner;
  distribution: DistributionPattern;
  key?: string;
  sideOutput?: string;
  /** Into a two-input operator: the input the edge feeds (Flink's TwoInputStreamTask reads its gates as input 1 or 2). */
  input?: 1 | 2;
}

export interface SubtaskRef {
  vertexId: string;
  subtaskIndex: number;
}

/** A slot shared by subtasks of different vertices of one slot sharing group (Flink's LocalInputPreferred placement). */
export interface SharedSlotPlan {
  slotSharingGroup: string;
  subtasks: SubtaskRef[];
}

export interface ExecutionGraph {
  jobName: string;
  /** Σ over slot sharing groups of the group's largest parallelism. */
  slotsRequired: number;
  /** Topological order. */
  vertices: JobVertex[];
  edges: JobEdge[];
  /** The shared slots in the order the placement opened them; their count equals slotsRequired. */
  slots: SharedSlotPlan[];
  /** The operators by id, as the JobGraph gives them, so a task needs nothing else to build its chain. */
  operators: Record<string, OperatorSpec>;
}
