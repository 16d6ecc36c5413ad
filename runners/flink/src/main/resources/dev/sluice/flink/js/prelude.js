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
        return typeof operand === 'number' ? operand : fail(`${aggregation}: ${where} must be a number, got ${show(operand)}`);
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
        return { first: ops.number, add: (acc, v) => acc + ops.number(v), merge: (a, b) => a + b, result: (acc) => acc };
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
        return { first: ops.comparable, add: (acc, v) => better(acc, ops.comparable(v)), merge: better, result: (acc) => acc };
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

  const json = (value) => JSON.stringify(value) ?? 'null';

  return {
    /** Records travel between operators as JSON text: every function takes and returns text. */
    map: (fn, ctx) => (text) => json(fn(JSON.parse(text), ctx)),
    filter: (fn, ctx) => (text) => Boolean(fn(JSON.parse(text), ctx)),
    flatMap: (fn, ctx) => (text) => {
      const out = fn(JSON.parse(text), ctx);
      if (out === undefined || out === null) return [];
      if (typeof out[Symbol.iterator] !== 'function') fail(`flatMap must return an array or iterable, got ${show(out)}`);
      return Array.from(out, json);
    },
    reduce: (fn, ctx) => (acc, value) => json(fn(JSON.parse(acc), JSON.parse(value), ctx)),
    fieldAggregation: (aggregation, field) => {
      const fn = fieldAggregation(aggregation, field ?? undefined);
      return (acc, value) => json(fn(JSON.parse(acc), JSON.parse(value)));
    },
    /** An aggregate over JSON-text accumulators; null is the empty accumulator. */
    windowAggregate: (aggregate) => ({
      add: (acc, value) => json(acc === null ? aggregate.first(JSON.parse(value)) : aggregate.add(JSON.parse(acc), JSON.parse(value))),
      merge: (a, b) => (a === null ? b : b === null ? a : json(aggregate.merge(JSON.parse(a), JSON.parse(b)))),
      result: (acc) => json(aggregate.result(JSON.parse(acc))),
    }),
    builtinAggregate: (paramsJson) => windowAggregate(JSON.parse(paramsJson)),
    reduceAggregate,
    /** A key selector's result, described for the Java side: [type, value]. */
    key: (fn, ctx) => (text) => describeKey(fn(JSON.parse(text), ctx)),
    timestamp: (fn, ctx) => (text, previous) => fn(JSON.parse(text), previous, ctx),
    /** JSON text as JavaScript writes it (numbers, escapes), for values that came from elsewhere. */
    normalize: (text) => json(JSON.parse(text)),
    stringify: json,
    canonicalJson,
  };
})()
