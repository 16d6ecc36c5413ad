/**
 * One state of a keyed operator (Flink's heap StateTable): key group → canonical key → value. The map of the key
 * group last used is kept, as consecutive records mostly share one.
 */

/** How a state's values become plain data in a snapshot and back (a MapState's Map is an object there). */
export interface StateFormat<V> {
  toSnapshot(value: V): unknown;
  fromSnapshot(value: unknown): V;
}

export class StateTable<V> {
  private readonly keyGroups = new Map<number, Map<string, V>>();
  private lastKeyGroup = -1;
  private lastStates: Map<string, V> | undefined;

  constructor(private readonly format: StateFormat<V>) {}

  get(keyGroup: number, key: string): V | undefined {
    return this.states(keyGroup, false)?.get(key);
  }

  set(keyGroup: number, key: string, value: V): void {
    this.states(keyGroup, true)!.set(key, value);
  }

  delete(keyGroup: number, key: string): void {
    this.states(keyGroup, false)?.delete(key);
  }

  *values(): Iterable<V> {
    for (const states of this.keyGroups.values()) yield* states.values();
  }

  /** Every (canonical key, value), key group after key group. */
  *entries(): Iterable<[string, V]> {
    for (const states of this.keyGroups.values()) yield* states.entries();
  }

  /** Non-empty key groups with their states in snapshot form (still referencing live objects: the backend copies). */
  snapshot(): [number, Record<string, unknown>][] {
    const result: [number, Record<string, unknown>][] = [];
    for (const [keyGroup, states] of this.keyGroups) {
      if (states.size === 0) continue;
      const group: Record<string, unknown> = {};
      for (const [key, value] of states) group[key] = this.format.toSnapshot(value);
      result.push([keyGroup, group]);
    }
    return result;
  }

  restore(keyGroup: number, states: Record<string, unknown>): void {
    const target = this.states(keyGroup, true)!;
    for (const [key, value] of Object.entries(states)) target.set(key, this.format.fromSnapshot(value));
  }

  private states(keyGroup: number, create: boolean): Map<string, V> | undefined {
    if (keyGroup === this.lastKeyGroup && this.lastStates) return this.lastStates;
    let states = this.keyGroups.get(keyGroup);
    if (!states) {
      if (!create) return undefined;
      states = new Map();
      this.keyGroups.set(keyGroup, states);
    }
    this.lastKeyGroup = keyGroup;
    this.lastStates = states;
    return states;
  }
}
