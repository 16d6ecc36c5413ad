/**
 * Recovery and rescaling from a completed checkpoint or savepoint (Flink's StateAssignmentOperation): each new
 * subtask's TaskDeploymentDescriptor gets its share of every chained operator's state. State is gathered per
 * operator, not per vertex, so a rescale that chains operators differently still finds each operator's state;
 * input channel state only survives where the vertex and its parallelism are unchanged (repartitionVertexState).
 */
import type { TaskDeploymentDescriptor } from '../task/deployment.js';
import { repartitionVertexState } from './repartition.js';
import type { TaskStateSnapshot } from './task-state-snapshot.js';

/** One subtask's acknowledged state in a completed checkpoint, with the vertex's key-group count at the time. */
export interface CheckpointedSubtask {
  vertexId: string;
  subtaskIndex: number;
  maxParallelism: number;
  state: TaskStateSnapshot;
}

/** The descriptors with restoredState/restoredCheckpointId set; throws if an operator's maxParallelism changed (§3 Key groups). */
export function assignRestoredState(
  tdds: readonly TaskDeploymentDescriptor[],
  checkpointId: number,
  subtasks: readonly CheckpointedSubtask[],
): TaskDeploymentDescriptor[] {
  const byOperator = new Map<string, { maxParallelism: number; states: TaskStateSnapshot[] }>();
  for (const subtask of [...subtasks].sort((a, b) => a.subtaskIndex - b.subtaskIndex)) {
    for (const [operatorId, state] of Object.entries(subtask.state.operators)) {
      const entry = byOperator.get(operatorId) ?? { maxParallelism: subtask.maxParallelism, states: [] };
      entry.states.push({ operators: { [operatorId]: state }, inputChannelState: [] });
      byOperator.set(operatorId, entry);
    }
  }
  const channelState = new Map(subtasks.map((s) => [`${s.vertexId}#${s.subtaskIndex}`, s.state.inputChannelState]));
  const oldParallelism = new Map<string, number>();
  for (const s of subtasks) oldParallelism.set(s.vertexId, (oldParallelism.get(s.vertexId) ?? 0) + 1);

  const shares = new Map<string, TaskStateSnapshot[]>();
  return tdds.map((tdd) => {
    const restored: TaskStateSnapshot = {
      operators: {},
      inputChannelState:
        oldParallelism.get(tdd.vertexId) === tdd.parallelism
          ? (channelState.get(`${tdd.vertexId}#${tdd.subtaskIndex}`) ?? [])
          : [],
    };
    for (const { id } of tdd.operators) {
      const old = byOperator.get(id);
      if (!old) continue;
      if (old.maxParallelism !== tdd.maxParallelism && old.states.some((s) => s.operators[id]!.keyedState.length > 0)) {
        throw new Error(
          `operator "${id}": checkpoint ${checkpointId} was taken with maxParallelism ${old.maxParallelism}, the job now has ${tdd.maxParallelism}; keyed state is partitioned into key groups by maxParallelism, which cannot change`,
        );
      }
      let split = shares.get(id);
      if (!split) shares.set(id, (split = repartitionVertexState(old.states, tdd.parallelism, tdd.maxParallelism)));
      const share = split[tdd.subtaskIndex]!.operators[id];
      if (share) restored.operators[id] = share;
    }
    return { ...tdd, restoredState: restored, restoredCheckpointId: checkpointId };
  });
}
