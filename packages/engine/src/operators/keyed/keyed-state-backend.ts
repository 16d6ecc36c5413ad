/**
 * Keyed state of one operator subtask, after Flink's HeapKeyedStateBackend: state lives per key, and keys are
 * grouped by key group (§3 Key groups), the unit in which checkpoints snapshot keyed state and rescaling moves it.
 * A key is stored under its canonical form, so two equal keys that are different objects share one state.
 */
import { assignToKeyGroup } from '@sluice/planner';

export class KeyedStateBackend<S> {
  private readonly keyGroups = new Map<number, Map<string, S>>();

  constructor(private readonly maxParallelism: number) {}

  get(key: unknown): S | undefined {
    return this.keyGroups.get(assignToKeyGroup(key, this.maxParallelism))?.get(canonicalKey(key));
  }

  put(key: unknown, state: S): void {
    const keyGroup = assignToKeyGroup(key, this.maxParallelism);
    let states = this.keyGroups.get(keyGroup);
    if (!states) {
      states = new Map();
      this.keyGroups.set(keyGroup, states);
    }
    states.set(canonicalKey(key), state);
  }

  /** The state of one key group by canonical key: what a checkpoint writes for that key group. */
  keyGroupState(keyGroup: number): ReadonlyMap<string, S> {
    return this.keyGroups.get(keyGroup) ?? new Map();
  }
}

/**
 * A string equal for equal keys: JSON with object fields in sorted order, so {a, b} and {b, a} are one key, and
 * 1 and "1" stay different keys ("1" vs "\"1\""), as Integer 1 and String "1" are in Java.
 */
export function canonicalKey(key: unknown): string {
  return JSON.stringify(key, (_field, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  ) ?? String(key);
}
