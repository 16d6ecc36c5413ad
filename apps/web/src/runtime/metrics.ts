/**
 * Live figures per JobVertex. Runtime events speak of JobVertices (chains) and their subtasks; the
 * logical canvas shows operators, so every operator takes the status of the vertex that runs it.
 */
import type { ExecutionGraph, JobVertex } from '@sluice/planner';
import type { TaskState } from '@sluice/protocol';

export interface RecordCounts {
  recordsIn: number;
  recordsOut: number;
}

export function subtaskKey(vertexId: string, subtaskIndex: number): string {
  return `${vertexId}/${subtaskIndex}`;
}

/** Per JobVertex id, one value per subtask index (a hole where the subtask has not reported). */
export type PerSubtask<T> = Record<string, (T | undefined)[]>;

/**
 * `table` with the value of every reported subtask replaced. Each vertex's array is copied once, at its first
 * report: a metrics frame of 6 400 subtasks copies 200 short arrays rather than a 6 400-key object, and a
 * node reads its vertex's figures without building a key per subtask.
 */
export function withSubtaskValues<R extends { vertexId: string; subtaskIndex: number }, T>(
  table: Readonly<PerSubtask<T>>,
  reports: readonly R[],
  value: (report: R, previous: T | undefined) => T,
): PerSubtask<T> {
  const next = { ...table };
  const copied = new Map<string, (T | undefined)[]>();
  for (const report of reports) {
    let values = copied.get(report.vertexId);
    if (!values) {
      values = [...(table[report.vertexId] ?? [])];
      copied.set(report.vertexId, values);
      next[report.vertexId] = values;
    }
    values[report.subtaskIndex] = value(report, values[report.subtaskIndex]);
  }
  return next;
}

/**
 * Σ over each vertex's subtasks of the latest cumulative counters each subtask reported, keyed by
 * vertex id (= the chain's head operator id). The runtime counts records per task, i.e. per chain:
 * what enters the head and what leaves the chain, never what passes between chained operators.
 */
export function recordsPerVertex(
  plan: ExecutionGraph,
  latest: Readonly<PerSubtask<RecordCounts>>,
): Record<string, RecordCounts> {
  return Object.fromEntries(plan.vertices.map((vertex) => [vertex.id, vertexRecords(vertex, latest)]));
}

/** Σ over one vertex's subtasks of the latest cumulative counters each reported. */
export function vertexRecords(vertex: JobVertex, latest: Readonly<PerSubtask<RecordCounts>>): RecordCounts {
  const sum: RecordCounts = { recordsIn: 0, recordsOut: 0 };
  const subtasks = latest[vertex.id] ?? [];
  for (let i = 0; i < vertex.parallelism; i += 1) {
    const counts = subtasks[i];
    if (!counts) continue;
    sum.recordsIn += counts.recordsIn;
    sum.recordsOut += counts.recordsOut;
  }
  return sum;
}

export interface OperatorStatus {
  /** The state that best describes the vertex as a whole; null before any subtask reported. */
  state: TaskState | null;
  /** How many of the vertex's subtasks are in that state, of how many. */
  inState: number;
  parallelism: number;
}

// A vertex is as far as its least advanced subtask, except that one failure marks it failed.
const PROGRESS: readonly TaskState[] = ['SCHEDULED', 'DEPLOYING', 'INITIALIZING', 'RUNNING', 'FINISHED', 'CANCELED'];

export function vertexStatus(vertex: JobVertex, states: Readonly<Record<string, TaskState>>): OperatorStatus {
  const known = Array.from({ length: vertex.parallelism }, (_, i) => states[subtaskKey(vertex.id, i)]).filter(
    (s): s is TaskState => s !== undefined,
  );
  if (known.length === 0) return { state: null, inState: 0, parallelism: vertex.parallelism };
  const pick = (state: TaskState): OperatorStatus => ({
    state,
    inState: known.filter((s) => s === state).length,
    parallelism: vertex.parallelism,
  });
  if (known.includes('FAILED')) return pick('FAILED');
  return pick(PROGRESS.find((s) => known.includes(s))!);
}

export function statusPerOperator(
  plan: ExecutionGraph,
  states: Readonly<Record<string, TaskState>>,
): Record<string, OperatorStatus> {
  const result: Record<string, OperatorStatus> = {};
  for (const vertex of plan.vertices) {
    const status = vertexStatus(vertex, states);
    for (const operatorId of vertex.operators) result[operatorId] = status;
  }
  return result;
}
