/**
 * The checkpoint of an operator with keyed state and timers (a window, a keyed process function): per key group,
 * the group's states and its pending timers side by side, as Flink writes a key group's state and its timers into
 * one key-group range of the snapshot, so that rescaling moves them together (§3 Key groups).
 */
import type { OperatorSubtaskState } from '../../checkpoint/task-state-snapshot.js';
import type { InternalTimerService, KeyGroupTimers } from '../../time/internal-timer-service.js';
import type { KeyedStateBackend, KeyGroupStates } from './keyed-state-backend.js';

/** One key group of such a checkpoint. */
export interface KeyGroupStateAndTimers<N> {
  states?: KeyGroupStates;
  timers?: KeyGroupTimers<N>;
}

export function snapshotStateAndTimers<N>(
  state: KeyedStateBackend,
  timers: InternalTimerService<N>,
): OperatorSubtaskState {
  const byGroup = new Map<number, KeyGroupStateAndTimers<N>>();
  for (const { keyGroup, state: states } of state.snapshot()) byGroup.set(keyGroup, { states });
  for (const [keyGroup, groupTimers] of timers.snapshotTimers((key) => state.keyGroupOf(key)))
    byGroup.set(keyGroup, { ...byGroup.get(keyGroup), timers: groupTimers });
  return {
    keyedState: [...byGroup].sort(([a], [b]) => a - b).map(([keyGroup, group]) => ({ keyGroup, state: group })),
    operatorState: [],
  };
}

/** Loads the key groups dealt to this subtask; every state in them must be registered with the backend first. */
export function restoreStateAndTimers<N>(
  { keyedState }: OperatorSubtaskState,
  state: KeyedStateBackend,
  timers: InternalTimerService<N>,
): void {
  for (const { keyGroup, state: group } of keyedState) {
    const { states, timers: groupTimers } = group as KeyGroupStateAndTimers<N>;
    if (states) state.restore([{ keyGroup, state: states }]);
    if (groupTimers) timers.restoreTimers(groupTimers);
  }
}

/** The names of the states a checkpoint's key groups hold. */
export function restoredStateNames({ keyedState }: OperatorSubtaskState): Set<string> {
  const names = new Set<string>();
  for (const { state: group } of keyedState)
    for (const name of Object.keys((group as KeyGroupStateAndTimers<unknown>).states ?? {})) names.add(name);
  return names;
}
