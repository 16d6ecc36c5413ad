/**
 * Keyed state of one operator subtask, after Flink's HeapKeyedStateBackend: the operator sets the current key
 * (setCurrentKey, once per record), then reads and updates that key's value, list, map or reducing state. Every
 * state is a StateTable grouped by key group (§3 Key groups), the unit in which checkpoints snapshot keyed state
 * and rescaling moves it. A key is stored under its canonical form, so two equal keys that are different objects
 * share one state.
 */
import { assignToKeyGroup } from '@sluice/planner';
import { StateTable, type StateFormat } from './state-table.js';

/** Flink's ValueState. */
export interface ValueState<T> {
  /** undefined when the current key has none. */
  value(): T | undefined;
  update(value: T): void;
  clear(): void;
}

/** Flink's ListState. */
export interface ListState<T> {
  /** The current key's elements, empty when it has none. */
  get(): readonly T[];
  add(value: T): void;
  update(values: readonly T[]): void;
  clear(): void;
}

/** Flink's MapState: a map per key, from a user key (a string) to a value. */
export interface MapState<V> {
  get(userKey: string): V | undefined;
  put(userKey: string, value: V): void;
  remove(userKey: string): void;
  values(): Iterable<V>;
  isEmpty(): boolean;
  /** Removes the current key's whole map. */
  clear(): void;
  /** Every value under every key, key group after key group: what the step view lists. */
  valuesOfAllKeys(): Iterable<V>;
}

/** Flink's ReducingState: every added value is reduced into the current key's aggregate. */
export interface ReducingState<T> {
  get(): T | undefined;
  /** Reduces `value` into the aggregate (the first value becomes it) and returns the new aggregate. */
  add(value: T): T;
  clear(): void;
}

/** One non-empty key group in a snapshot: per state name, the state of every key by canonical key. */
export type KeyGroupStates = Record<string, Record<string, unknown>>;

const plain: StateFormat<unknown> = { toSnapshot: (v) => v, fromSnapshot: (v) => v };
const mapFormat: StateFormat<Map<string, unknown>> = {
  toSnapshot: (map) => Object.fromEntries(map),
  fromSnapshot: (object) => new Map(Object.entries(object as Record<string, unknown>)),
};

/**
 * Objects are copied into and out of reducing state: a reduce function that updates its accumulator in place must
 * not change records already emitted (Flink gets this from copying them into chained operators and serializers).
 * Primitives cannot change in place, and structuredClone is costly per record, so only objects are copied.
 */
const copyOf = <T>(value: T): T => (typeof value === 'object' && value !== null ? structuredClone(value) : value);

export class KeyedStateBackend {
  private readonly tables = new Map<string, StateTable<unknown>>();
  /** The current key's key group and canonical key; two fields, not an object, as they change with every record. */
  private currentKeyGroup = -1;
  private currentKey = '';

  constructor(readonly maxParallelism: number) {}

  setCurrentKey(key: unknown): void {
    this.currentKeyGroup = this.keyGroupOf(key);
    this.currentKey = canonicalKey(key);
  }

  keyGroupOf(key: unknown): number {
    return assignToKeyGroup(key, this.maxParallelism);
  }

  valueState<T>(name: string): ValueState<T> {
    const table = this.table<T>(name, plain as StateFormat<T>);
    return {
      value: () => table.get(this.keyGroup(), this.currentKey),
      update: (value) => table.set(this.keyGroup(), this.currentKey, value),
      clear: () => table.delete(this.keyGroup(), this.currentKey),
    };
  }

  listState<T>(name: string): ListState<T> {
    const table = this.table<T[]>(name, plain as StateFormat<T[]>);
    return {
      get: () => table.get(this.keyGroup(), this.currentKey) ?? [],
      add: (value) => {
        const list = table.get(this.keyGroup(), this.currentKey);
        if (list) list.push(value);
        else table.set(this.keyGroup(), this.currentKey, [value]);
      },
      update: (values) => {
        if (values.length === 0) table.delete(this.keyGroup(), this.currentKey);
        else table.set(this.keyGroup(), this.currentKey, [...values]);
      },
      clear: () => table.delete(this.keyGroup(), this.currentKey),
    };
  }

  mapState<V>(name: string): MapState<V> {
    const table = this.table<Map<string, V>>(name, mapFormat as StateFormat<Map<string, V>>);
    const current = () => table.get(this.keyGroup(), this.currentKey);
    return {
      get: (userKey) => current()?.get(userKey),
      put: (userKey, value) => {
        const map = current();
        if (map) map.set(userKey, value);
        else table.set(this.keyGroup(), this.currentKey, new Map([[userKey, value]]));
      },
      // A key whose map is empty has no state left, so it costs nothing (Flink's MapState keeps no empty maps either).
      remove: (userKey) => {
        const map = current();
        if (map?.delete(userKey) && map.size === 0) table.delete(this.keyGroup(), this.currentKey);
      },
      values: () => current()?.values() ?? [],
      isEmpty: () => (current()?.size ?? 0) === 0,
      clear: () => table.delete(this.keyGroup(), this.currentKey),
      valuesOfAllKeys: function* () {
        for (const map of table.values()) yield* map.values();
      },
    };
  }

  reducingState<T>(name: string, reduce: (aggregate: T, value: T) => T): ReducingState<T> {
    const table = this.table<{ aggregate: T }>(name, plain as StateFormat<{ aggregate: T }>);
    return {
      get: () => table.get(this.keyGroup(), this.currentKey)?.aggregate,
      add: (value) => {
        // A box, so an aggregate that is `undefined` is still state that exists.
        const current = table.get(this.keyGroup(), this.currentKey);
        const aggregate = current === undefined ? value : reduce(current.aggregate, value);
        table.set(this.keyGroup(), this.currentKey, { aggregate: copyOf(aggregate) });
        return aggregate;
      },
      clear: () => table.delete(this.keyGroup(), this.currentKey),
    };
  }

  /** Every key's value of one registered state, by the key's canonical form (the step view lists them). */
  entriesOf(name: string): Iterable<[string, unknown]> {
    const table = this.tables.get(name);
    if (!table) throw new Error(`keyed state "${name}" is not registered`);
    return table.entries();
  }

  /** Every non-empty key group with the state of every registered state in it, ascending; a deep copy. */
  snapshot(): { keyGroup: number; state: KeyGroupStates }[] {
    const byGroup = new Map<number, KeyGroupStates>();
    for (const [name, table] of this.tables) {
      for (const [keyGroup, states] of table.snapshot()) {
        let group = byGroup.get(keyGroup);
        if (!group) byGroup.set(keyGroup, (group = {}));
        group[name] = states;
      }
    }
    return structuredClone([...byGroup].sort(([a], [b]) => a - b).map(([keyGroup, state]) => ({ keyGroup, state })));
  }

  /** Loads a snapshot's key groups (already those of this subtask's range); every state in it must be registered. */
  restore(keyGroups: readonly { keyGroup: number; state: unknown }[]): void {
    for (const { keyGroup, state } of structuredClone(keyGroups)) {
      for (const [name, states] of Object.entries(state as KeyGroupStates)) {
        const table = this.tables.get(name);
        if (!table)
          throw new Error(
            `restored keyed state "${name}" is not a state of this operator (it has ${[...this.tables.keys()].map((n) => `"${n}"`).join(', ') || 'none'})`,
          );
        table.restore(keyGroup, states);
      }
    }
  }

  private table<V>(name: string, format: StateFormat<V>): StateTable<V> {
    if (this.tables.has(name)) throw new Error(`keyed state "${name}" is registered twice`);
    const table = new StateTable<V>(format);
    this.tables.set(name, table as StateTable<unknown>);
    return table;
  }

  private keyGroup(): number {
    if (this.currentKeyGroup < 0) throw new Error('keyed state accessed before setCurrentKey');
    return this.currentKeyGroup;
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
