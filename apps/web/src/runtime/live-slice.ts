/**
 * Fine-grained reads of the live job for the canvas. Every metrics frame replaces the store's `job` and
 * `network` objects; a node or an edge that subscribed to those re-rendered on every frame, all 200 of
 * them with their edges. Here each one derives only its own slice, and keeps the previous slice while the
 * new one is structurally equal, so a frame re-renders exactly the elements whose figures changed.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ExecutionGraph, JobVertex } from '@sluice/planner';
import type { TaskState } from '@sluice/protocol';
import type { EditorState } from '../store/editor';
import { editorStore } from '../store/app-store';
import { animationFrames } from './event-batch';
import { vertexRecords, vertexStatus, type OperatorStatus, type PerSubtask, type RecordCounts } from './metrics';
import { createStagger, groupOf } from './stagger';
import type { OperatorRuntime } from './operator-runtime';

/** Structural equality of plain data (objects, arrays, primitives), as the store's figures are. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

const vertexIndexes = new WeakMap<ExecutionGraph, Map<string, JobVertex>>();

/** The JobVertex that runs the operator, looked up once per plan rather than scanned per node and frame. */
export function vertexOfOperator(plan: ExecutionGraph, operatorId: string): JobVertex | undefined {
  let index = vertexIndexes.get(plan);
  if (!index) {
    index = new Map();
    for (const v of plan.vertices) for (const op of v.operators) index.set(op, v);
    vertexIndexes.set(plan, index);
  }
  return index.get(operatorId);
}

const statuses = new WeakMap<Readonly<Record<string, TaskState>>, Map<string, OperatorStatus>>();

/**
 * vertexStatus, once per task-state table: the table changes on task.state events, while the metrics frames in
 * between (4 a second) would otherwise recount every vertex's subtasks for every node.
 */
function vertexStatusOf(vertex: JobVertex, taskStates: Readonly<Record<string, TaskState>>): OperatorStatus {
  let known = statuses.get(taskStates);
  if (!known) {
    known = new Map();
    statuses.set(taskStates, known);
  }
  let status = known.get(vertex.id);
  if (!status) {
    status = vertexStatus(vertex, taskStates);
    known.set(vertex.id, status);
  }
  return status;
}

/** What operatorRuntime(job)[operatorId] gives, for one operator: its vertex's status and, on the head, the chain's records. */
export function operatorRuntimeOf(
  plan: ExecutionGraph,
  taskStates: Readonly<Record<string, TaskState>>,
  records: Readonly<PerSubtask<RecordCounts>>,
  operatorId: string,
): OperatorRuntime | null {
  const vertex = vertexOfOperator(plan, operatorId);
  if (!vertex) return null;
  const status = vertexStatusOf(vertex, taskStates);
  if (operatorId !== vertex.id) return { status, chain: { chainedInto: vertex.id } };
  return { status, chain: { chainedInto: null, records: vertexRecords(vertex, records) } };
}

/** From this many subtasks on, the canvas's live updates are spread over frames (see stagger.ts). */
export const STAGGER_FROM_SUBTASKS = 1000;

const subtaskCounts = new WeakMap<ExecutionGraph, number>();

export function isStaggered(state: EditorState): boolean {
  const plan = state.job?.executionGraph;
  if (!plan) return false;
  let count = subtaskCounts.get(plan);
  if (count === undefined) {
    count = plan.vertices.reduce((n, v) => n + v.parallelism, 0);
    subtaskCounts.set(plan, count);
  }
  return count >= STAGGER_FROM_SUBTASKS;
}

const stagger = createStagger(animationFrames);
editorStore.subscribe((state, previous) => {
  if ((state.job !== previous.job || state.network !== previous.network) && isStaggered(state)) stagger.changed();
});

/**
 * A selector over the editor store whose result is kept while the next one is `equal` to it: the component
 * re-renders only when its own slice changed. `select` must be stable (useCallback) for the subscription to be.
 * With a `staggerKey`, a large job's changes reach it on its group's frame rather than at once (stagger.ts).
 */
export function useEditorSlice<T>(
  select: (state: EditorState) => T,
  equal: (a: T, b: T) => boolean = sameData,
  staggerKey?: string,
): T {
  const last = useRef<{ select: (state: EditorState) => T; state: EditorState; value: T } | null>(null);
  const getSnapshot = useCallback(() => {
    const state = editorStore.getState();
    const previous = last.current;
    if (previous && previous.select === select && previous.state === state) return previous.value;
    const next = select(state);
    const value = previous && previous.select === select && equal(previous.value, next) ? previous.value : next;
    last.current = { select, state, value };
    return value;
  }, [select, equal]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (staggerKey === undefined) return editorStore.subscribe(onChange);
      const direct = editorStore.subscribe((state) => {
        if (!isStaggered(state)) onChange();
      });
      const staggered = stagger.subscribe(groupOf(staggerKey), onChange);
      return () => {
        direct();
        staggered();
      };
    },
    [staggerKey],
  );
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** The node's live figures; null while no job ran in this session or the job's plan has no such operator. */
export function useOperatorRuntime(operatorId: string): OperatorRuntime | null {
  const select = useCallback(
    (s: EditorState) =>
      s.job ? operatorRuntimeOf(s.job.executionGraph, s.job.taskStates, s.job.records, operatorId) : null,
    [operatorId],
  );
  return useEditorSlice(select, sameData, operatorId);
}

/** Just the state of the operator's vertex, for the node's colour; null as useOperatorRuntime's status.state. */
export function useOperatorState(operatorId: string): TaskState | null {
  const select = useCallback(
    (s: EditorState) => {
      const vertex = s.job ? vertexOfOperator(s.job.executionGraph, operatorId) : undefined;
      return s.job && vertex ? vertexStatusOf(vertex, s.job.taskStates).state : null;
    },
    [operatorId],
  );
  return useEditorSlice(select, Object.is, operatorId);
}
