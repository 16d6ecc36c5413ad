/**
 * Rescaling a vertex's state (Flink's StateAssignmentOperation): keyed state moves by whole key groups to the new
 * subtask whose key-group range holds them (§3 Key groups, maxParallelism unchanged); operator list state is
 * pooled over the old subtasks and dealt round-robin to the new ones (Flink's RoundRobinOperatorStateRepartitioner
 * for even-split list state). In-flight channel state belongs to channels that only exist at the old parallelism,
 * so it is kept only when the parallelism is unchanged.
 */
import { computeOperatorIndexForKeyGroup } from '@sluice/planner';
import type { OperatorSubtaskState, TaskStateSnapshot } from './task-state-snapshot.js';

export function repartitionVertexState(
  old: TaskStateSnapshot[],
  newParallelism: number,
  maxParallelism: number,
): TaskStateSnapshot[] {
  if (!Number.isInteger(newParallelism) || newParallelism < 1)
    throw new RangeError(`newParallelism must be a positive integer, got ${newParallelism}`);
  if (newParallelism > maxParallelism)
    throw new RangeError(`newParallelism ${newParallelism} exceeds maxParallelism ${maxParallelism}`);
  const result: TaskStateSnapshot[] = Array.from({ length: newParallelism }, (_, i) => ({
    operators: {},
    inputChannelState: old.length === newParallelism ? (old[i]?.inputChannelState ?? []) : [],
  }));
  const operatorIds = [...new Set(old.flatMap((snapshot) => Object.keys(snapshot.operators)))];
  for (const id of operatorIds) {
    const shares: OperatorSubtaskState[] = result.map(() => ({ keyedState: [], operatorState: [] }));
    let next = 0;
    for (const snapshot of old) {
      const state = snapshot.operators[id];
      if (!state) continue;
      for (const entry of state.keyedState) {
        if (entry.keyGroup < 0 || entry.keyGroup >= maxParallelism)
          throw new RangeError(`operator "${id}": key group ${entry.keyGroup} is outside 0..${maxParallelism - 1}`);
        shares[computeOperatorIndexForKeyGroup(maxParallelism, newParallelism, entry.keyGroup)]!.keyedState.push(entry);
      }
      for (const part of state.operatorState) shares[next++ % newParallelism]!.operatorState.push(part);
    }
    for (const share of shares) share.keyedState.sort((a, b) => a.keyGroup - b.keyGroup);
    shares.forEach((share, i) => (result[i]!.operators[id] = share));
  }
  return result;
}
