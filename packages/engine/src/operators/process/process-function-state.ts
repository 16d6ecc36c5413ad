/**
 * `ctx.state` of a keyed process function: Flink's ValueState, ListState and MapState as JavaScript sees them
 * (design.md, precise points: an empty value is null, a list is an array, map keys keep their JSON type). Each
 * state lives in the operator's KeyedStateBackend under "<kind>:<name>", so a checkpoint says which kind a restored
 * state is and the state comes back before the function asks for it again (Flink registers it by descriptor).
 */
import { canonicalKey, type KeyedStateBackend, type MapState } from '../keyed/keyed-state-backend.js';
import type { OperatorInspection } from '../stream-operator.js';

export interface UserValueState {
  value(): unknown;
  update(value: unknown): void;
  clear(): void;
}

export interface UserListState {
  get(): unknown[];
  add(value: unknown): void;
  update(values: unknown[]): void;
  clear(): void;
}

export interface UserMapState {
  get(key: unknown): unknown;
  put(key: unknown, value: unknown): void;
  remove(key: unknown): void;
  contains(key: unknown): boolean;
  entries(): [unknown, unknown][];
  keys(): unknown[];
  values(): unknown[];
  isEmpty(): boolean;
  clear(): void;
}

export interface UserKeyedState {
  value(name: string): UserValueState;
  list(name: string): UserListState;
  map(name: string): UserMapState;
}

type StateKind = keyof UserKeyedState;
type UserState = UserValueState | UserListState | UserMapState;

const STATE_KINDS: readonly StateKind[] = ['value', 'list', 'map'];

/** A map entry keeps the user's key itself beside its value: the backend's map is keyed by the key's canonical form. */
interface MapEntry {
  key: unknown;
  value: unknown;
}

export class ProcessFunctionState implements UserKeyedState {
  private readonly states = new Map<string, { kind: StateKind; state: UserState }>();

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly operatorId: string,
  ) {}

  value(name: string): UserValueState {
    return this.state(name, 'value') as UserValueState;
  }

  list(name: string): UserListState {
    return this.state(name, 'list') as UserListState;
  }

  map(name: string): UserMapState {
    return this.state(name, 'map') as UserMapState;
  }

  /** Every key's state of every registered state, for the step view: lists and map entries as arrays, copied. */
  inspect(): NonNullable<OperatorInspection['state']> {
    const states: NonNullable<OperatorInspection['state']> = [];
    for (const [name, { kind }] of this.states) {
      for (const [key, stored] of this.backend.entriesOf(`${kind}:${name}`)) {
        const value =
          kind === 'map'
            ? [...(stored as Map<string, MapEntry>).values()].map((entry) => [entry.key, entry.value])
            : stored;
        states.push({ key: keyOf(key), name, kind, value: structuredClone(value) });
      }
    }
    return states;
  }

  /** Registers every state a checkpoint holds (its key groups' table names), so the backend can load them. */
  registerRestored(tableNames: Iterable<string>): void {
    for (const table of tableNames) {
      const separator = table.indexOf(':');
      const kind = table.slice(0, separator) as StateKind;
      if (separator < 0 || !STATE_KINDS.includes(kind))
        throw new Error(`operator "${this.operatorId}": restored keyed state "${table}" is not a process function's`);
      this.state(table.slice(separator + 1), kind);
    }
  }

  private state(name: string, kind: StateKind): UserState {
    if (typeof name !== 'string' || name === '')
      throw new TypeError(`ctx.state.${kind}(name): the name must be a non-empty string, got ${JSON.stringify(name)}`);
    const existing = this.states.get(name);
    if (existing) {
      if (existing.kind !== kind)
        throw new TypeError(`state "${name}" is a ${existing.kind} state; it cannot also be a ${kind} state`);
      return existing.state;
    }
    const table = `${kind}:${name}`;
    const state =
      kind === 'value'
        ? valueState(this.backend, table)
        : kind === 'list'
          ? listState(this.backend, table)
          : mapState(this.backend.mapState<MapEntry>(table));
    this.states.set(name, { kind, state });
    return state;
  }
}

/** A canonical key is the key's JSON (a number's string), so it parses back to the key. */
function keyOf(canonical: string): unknown {
  try {
    return JSON.parse(canonical) as unknown;
  } catch {
    return canonical;
  }
}

function valueState(backend: KeyedStateBackend, table: string): UserValueState {
  const state = backend.valueState<unknown>(table);
  return {
    value: () => state.value() ?? null,
    // Flink's ValueState#update(null) clears the state.
    update: (value) => (value === null || value === undefined ? state.clear() : state.update(value)),
    clear: () => state.clear(),
  };
}

function listState(backend: KeyedStateBackend, table: string): UserListState {
  const state = backend.listState<unknown>(table);
  return {
    get: () => [...state.get()],
    add: (value) => state.add(value),
    update: (values) => {
      if (!Array.isArray(values))
        throw new TypeError(`list state update(values) takes an array, got ${JSON.stringify(values) ?? typeof values}`);
      state.update(values);
    },
    clear: () => state.clear(),
  };
}

function mapState(state: MapState<MapEntry>): UserMapState {
  const entries = (): MapEntry[] => [...state.values()];
  return {
    get: (key) => state.get(canonicalKey(key))?.value ?? null,
    put: (key, value) => state.put(canonicalKey(key), { key, value }),
    remove: (key) => state.remove(canonicalKey(key)),
    contains: (key) => state.get(canonicalKey(key)) !== undefined,
    entries: () => entries().map(({ key, value }) => [key, value]),
    keys: () => entries().map(({ key }) => key),
    values: () => entries().map(({ value }) => value),
    isEmpty: () => state.isEmpty(),
    clear: () => state.clear(),
  };
}
