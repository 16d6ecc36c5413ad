/**
 * Keyed state of one operator subtask, after Flink's HeapKeyedStateBackend: the operator sets the current key
 * (setCurrentKey, once per record), then reads and updates that key's value. Keys are grouped by key group
 * (§3 Key groups), the unit in which checkpoints snapshot keyed state and rescaling moves it. A key is stored
 * under its canonical form, so two equal keys that are different objects share one state.
 */
import { assignToKeyGroup } from '@sluice/planner';

export class KeyedStateBackend<S> {
  private readonly keyGroups = new Map<number, Map<string, S>>();
  /** The current key's key group and canonical key; two fields, not an object, as they change with every record. */
  private currentStates: Map<string, S> | undefined;
  private currentKey = '';

  constructor(private readonly maxParallelism: number) {}

  setCurrentKey(key: unknown): void {
    const keyGroup = assignToKeyGroup(key, this.maxParallelism);
    let states = this.keyGroups.get(keyGroup);
    if (!states) {
      states = new Map();
      this.keyGroups.set(keyGroup, states);
    }
    this.currentStates = states;
    this.currentKey = canonicalKey(key);
  }

  /** The current key's state; undefined when it has none yet. */
  value(): S | undefined {
    return this.statesOfCurrentKey().get(this.currentKey);
  }

  update(state: S): void {
    this.statesOfCurrentKey().set(this.currentKey, state);
  }

  /** Drops the current key's state (Flink's State#clear), so a key with nothing left costs nothing. */
  clear(): void {
    this.statesOfCurrentKey().delete(this.currentKey);
  }

  /** Every key's state, key group after key group: what the step view lists. */
  *states(): Iterable<S> {
    for (const states of this.keyGroups.values()) yield* states.values();
  }

  /** The state of one key group by canonical key: what a checkpoint writes for that key group. */
  keyGroupState(keyGroup: number): ReadonlyMap<string, S> {
    return this.keyGroups.get(keyGroup) ?? new Map();
  }

  private statesOfCurrentKey(): Map<string, S> {
    if (!this.currentStates) throw new Error('keyed state accessed before setCurrentKey');
    return this.currentStates;
  }
}

/**
 * A string equal for equal keys: JSON with object fields in sorted order, so {a, b} and {b, a} are one key, and
 * 1 and "1" stay different keys ("1" vs "\"1\""), as Integer 1 and String "1" are in Java.
 */
export function canonicalKey(key: unknown): string {
  // A finite number's JSON is its String(); V8 caches the strings of small integers, JSON.stringify is a call more.
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  if (key === null || typeof key !== 'object') return JSON.stringify(key) ?? String(key);
  return JSON.stringify(key, (_field, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
