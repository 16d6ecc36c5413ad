// Sluice's built-in aggregations, ported from packages/engine (aggregation-operands.ts, field-aggregation.ts,
// window-aggregates.ts) so that Flink computes them with JavaScript's own numbers and comparisons.
(function () {
  const show = (value) => JSON.stringify(value) ?? String(value);
  const fail = (message) => {
    throw new TypeError(message);
  };

  function operands(aggregation, field) {
    const where = field === undefined ? 'the record' : `field "${field}"`;
    const read = (value) => {
      if (field === undefined) return value;
      if (value === null || typeof value !== 'object')
        return fail(`${aggregation}: expected a record with field "${field}", got ${show(value)}`);
      return value[field];
    };
    return {
      read,
      number(value) {
        const operand = read(value);
        return typeof operand === 'number'
          ? operand
          : fail(`${aggregation}: ${where} must be a number, got ${show(operand)}`);
      },
      comparable(value) {
        const operand = read(value);
        return typeof operand === 'number' || typeof operand === 'string'
          ? operand
          : fail(`${aggregation}: ${where} must be a number or a string, got ${show(operand)}`);
      },
      extreme(which) {
        return (a, b) => {
          if (typeof a !== typeof b) return fail(`${aggregation}: ${where} mixes numbers and strings`);
          return (which === 'min' ? b < a : b > a) ? b : a;
        };
      },
    };
  }

  /** KeyedStream.sum/min/max: (accumulator, value) => accumulator. */
  function fieldAggregation(aggregation, field) {
    const ops = operands(aggregation, field);
    let combine;
    if (aggregation === 'sum') combine = (acc, value) => ops.number(acc) + ops.number(value);
    else {
      const extreme = ops.extreme(aggregation);
      combine = (acc, value) => extreme(ops.comparable(acc), ops.comparable(value));
    }
    if (field === undefined) return combine;
    return (acc, value) => ({ ...acc, [field]: combine(acc, value) });
  }

  /** A window's aggregate: {first, add, merge, result} over accumulators. */
  function windowAggregate(params) {
    const [name, setting] = Object.entries(params)[0];
    const field = setting === true || setting === '' ? undefined : setting;
    const ops = operands(name, field);
    switch (name) {
      case 'sum':
        return {
          first: ops.number,
          add: (acc, v) => acc + ops.number(v),
          merge: (a, b) => a + b,
          result: (acc) => acc,
        };
      case 'count': {
        const counts = (value) => {
          if (field === undefined) return 1;
          const operand = ops.read(value);
          return operand === undefined || operand === null ? 0 : 1;
        };
        return { first: counts, add: (acc, v) => acc + counts(v), merge: (a, b) => a + b, result: (acc) => acc };
      }
      case 'min':
      case 'max': {
        const better = ops.extreme(name);
        return {
          first: ops.comparable,
          add: (acc, v) => better(acc, ops.comparable(v)),
          merge: better,
          result: (acc) => acc,
        };
      }
      case 'avg':
        return {
          first: (v) => ({ sum: ops.number(v), count: 1 }),
          add: (acc, v) => ({ sum: acc.sum + ops.number(v), count: acc.count + 1 }),
          merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
          result: (acc) => acc.sum / acc.count,
        };
    }
    return fail(`unknown aggregate ${show(params)}`);
  }

  /** A user reduce (acc, value, ctx) as a window aggregate: the first element is the accumulator. */
  function reduceAggregate(reduce, ctx) {
    const fn = (acc, value) => reduce(acc, value, ctx);
    return { first: (value) => value, add: fn, merge: fn, result: (acc) => acc };
  }

  /** Keys sorted at every level, as packages/planner's javaHashCode hashes a plain object. */
  const canonicalJson = (value) =>
    JSON.stringify(value, (_key, nested) =>
      nested !== null && typeof nested === 'object' && !Array.isArray(nested)
        ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : nested,
    );

  /** A key for the Java side: null, ['v', primitive], ['a', [described...]] or ['o', canonical JSON]. */
  const describeKey = (key) =>
    key === null || key === undefined
      ? null
      : Array.isArray(key)
        ? ['a', key.map(describeKey)]
        : typeof key === 'object'
          ? ['o', canonicalJson(key)]
          : ['v', key];

  /**
   * A process function's ctx and out over the Java host (ProcessHost): keyed state lives in one Flink MapState per
   * key, entry "<kind>:<name>" holding JSON text (a value; a list as an array; a map as [key, value] pairs), with
   * Sluice's ValueState/ListState/MapState semantics (process-function-state.ts).
   */
  function processFunction(fns, base, host) {
    const kinds = new Map();
    const entry = (name, kind) => {
      if (typeof name !== 'string' || name === '')
        throw new TypeError(
          `ctx.state.${kind}(name): the name must be a non-empty string, got ${JSON.stringify(name)}`,
        );
      const known = kinds.get(name);
      if (known !== undefined && known !== kind)
        throw new TypeError(`state "${name}" is a ${known} state; it cannot also be a ${kind} state`);
      kinds.set(name, kind);
      return `${kind}:${name}`;
    };
    const read = (name, kind) => {
      const text = host.getState(entry(name, kind));
      return text === null ? null : JSON.parse(text);
    };
    const write = (name, kind, value) => {
      if (value === null) host.removeState(entry(name, kind));
      else host.putState(entry(name, kind), json(value));
    };
    const keyId = (key) => canonicalJson(key) ?? 'undefined';
    const state = {
      value: (name) => {
        entry(name, 'value');
        return {
          value: () => read(name, 'value') ?? null,
          // Flink's ValueState#update(null) clears the state.
          update: (value) => write(name, 'value', value ?? null),
          clear: () => write(name, 'value', null),
        };
      },
      list: (name) => {
        entry(name, 'list');
        return {
          get: () => read(name, 'list') ?? [],
          add: (value) => write(name, 'list', [...(read(name, 'list') ?? []), value]),
          update: (values) => {
            if (!Array.isArray(values))
              throw new TypeError(
                `list state update(values) takes an array, got ${JSON.stringify(values) ?? typeof values}`,
              );
            write(name, 'list', values);
          },
          clear: () => write(name, 'list', null),
        };
      },
      map: (name) => {
        entry(name, 'map');
        const pairs = () => read(name, 'map') ?? [];
        const find = (key) => pairs().find(([k]) => keyId(k) === keyId(key));
        const without = (key) => pairs().filter(([k]) => keyId(k) !== keyId(key));
        const store = (entries) => write(name, 'map', entries.length === 0 ? null : entries);
        return {
          get: (key) => find(key)?.[1] ?? null,
          put: (key, value) => {
            const entries = pairs();
            const at = entries.findIndex(([k]) => keyId(k) === keyId(key));
            if (at < 0) entries.push([key, value]);
            else entries[at] = [key, value];
            store(entries);
          },
          remove: (key) => store(without(key)),
          contains: (key) => find(key) !== undefined,
          entries: () => pairs(),
          keys: () => pairs().map(([k]) => k),
          values: () => pairs().map(([, v]) => v),
          isEmpty: () => pairs().length === 0,
          clear: () => write(name, 'map', null),
        };
      },
    };
    const timerTime = (time, method) => {
      if (typeof time !== 'number' || !Number.isSafeInteger(time))
        throw new TypeError(`${method}(time): time must be an integer number of milliseconds, got ${String(time)}`);
      return time;
    };
    const timerService = {
      currentWatermark: () => host.currentWatermark(),
      currentProcessingTime: () => host.currentProcessingTime(),
      registerEventTimeTimer: (t) => host.registerEventTimeTimer(timerTime(t, 'registerEventTimeTimer')),
      registerProcessingTimeTimer: (t) => host.registerProcessingTimeTimer(timerTime(t, 'registerProcessingTimeTimer')),
      deleteEventTimeTimer: (t) => host.deleteEventTimeTimer(timerTime(t, 'deleteEventTimeTimer')),
      deleteProcessingTimeTimer: (t) => host.deleteProcessingTimeTimer(timerTime(t, 'deleteProcessingTimeTimer')),
    };
    let domain;
    const ctx = {
      ...base,
      local: {},
      timestamp: () => host.timestamp(),
      getCurrentKey: () => JSON.parse(host.currentKey()),
      timerService: () => timerService,
      get state() {
        host.checkKeyedState();
        return state;
      },
      output: (tag, value) => {
        if (typeof tag !== 'string' || tag === '')
          throw new TypeError(`ctx.output(tag, value): the tag must be a non-empty string, got ${String(tag)}`);
        host.output(tag, json(value));
      },
      timeDomain: () => {
        if (domain === undefined) throw new Error('ctx.timeDomain() is only defined inside onTimer');
        return domain;
      },
    };
    const out = { collect: (value) => host.collect(json(value)) };
    return {
      open: () => fns.open?.(ctx),
      close: () => fns.close?.(ctx),
      processElement: (text) => fns.fn(JSON.parse(text), ctx, out),
      onTimer: (timestamp, timeDomain) => {
        domain = timeDomain;
        try {
          fns.onTimer?.(timestamp, ctx, out);
        } finally {
          domain = undefined;
        }
      },
    };
  }

  const json = (value) => JSON.stringify(value) ?? 'null';

  return {
    /** Records travel between operators as JSON text: every function takes and returns text. */
    map: (fn, ctx) => (text) => json(fn(JSON.parse(text), ctx)),
    filter: (fn, ctx) => (text) => Boolean(fn(JSON.parse(text), ctx)),
    flatMap: (fn, ctx) => (text) => {
      const out = fn(JSON.parse(text), ctx);
      if (out === undefined || out === null) return [];
      if (typeof out[Symbol.iterator] !== 'function')
        fail(`flatMap must return an array or iterable, got ${show(out)}`);
      return Array.from(out, json);
    },
    reduce: (fn, ctx) => (acc, value) => json(fn(JSON.parse(acc), JSON.parse(value), ctx)),
    fieldAggregation: (aggregation, field) => {
      const fn = fieldAggregation(aggregation, field ?? undefined);
      return (acc, value) => json(fn(JSON.parse(acc), JSON.parse(value)));
    },
    /** An aggregate over JSON-text accumulators; null is the empty accumulator. */
    windowAggregate: (aggregate) => ({
      add: (acc, value) =>
        json(acc === null ? aggregate.first(JSON.parse(value)) : aggregate.add(JSON.parse(acc), JSON.parse(value))),
      merge: (a, b) => (a === null ? b : b === null ? a : json(aggregate.merge(JSON.parse(a), JSON.parse(b)))),
      result: (acc) => json(aggregate.result(JSON.parse(acc))),
    }),
    processFunction,
    builtinAggregate: (paramsJson) => windowAggregate(JSON.parse(paramsJson)),
    reduceAggregate,
    /** A key selector's result, described for the Java side: [type, value]. */
    key: (fn, ctx) => (text) => describeKey(fn(JSON.parse(text), ctx)),
    lifecycle: (fn, ctx) => () => fn(ctx),
    timestamp: (fn, ctx) => (text, previous) => fn(JSON.parse(text), previous, ctx),
    /** A punctuated generator's `(value, timestamp) => watermark or null`. */
    punctuated: (fn, ctx) => (text, timestamp) => fn(JSON.parse(text), timestamp, ctx) ?? null,
    /** JSON text as JavaScript writes it (numbers, escapes), for values that came from elsewhere. */
    normalize: (text) => json(JSON.parse(text)),
    stringify: json,
    canonicalJson,
  };
})();
