/**
 * A reference evaluator for the examples' expected output: the records each sink receives, as a multiset,
 * computed by plain array operations in topological order. It covers the kinds the examples use and
 * ignores parallelism and partitioning, which change where records go, never which records arrive.
 * Functions are called without a RuntimeContext, so it only fits functions that do not read `ctx`.
 */
import { datagenRecord, topologicalOrder, type DatagenParams, type JobGraph, type OperatorSpec } from '../src/index.js';

type Fn = (...args: unknown[]) => unknown;
const compile = (source: unknown): Fn => new Function(`"use strict"; return (${String(source)})`)() as Fn;

export function sinkRecords(graph: JobGraph): Record<string, unknown[]> {
  const inputEdgesOf = (id: string) => graph.edges.filter((e) => e.target === id);
  const { order, unordered } = topologicalOrder(
    graph.operators.map((op) => op.id),
    (id) => inputEdgesOf(id).map((e) => e.source),
  );
  if (unordered.length > 0) throw new Error('the graph has a cycle');
  const outputs = new Map<string, unknown[]>();
  const sinks: Record<string, unknown[]> = {};
  for (const op of order.map((id) => graph.operators.find((o) => o.id === id)!)) {
    const inputEdges = inputEdgesOf(op.id);
    const input = inputEdges.flatMap((e) => outputs.get(e.source) ?? []);
    if (op.kind.startsWith('sink.')) sinks[op.id] = input;
    else outputs.set(op.id, evaluate(op, input, inputEdges[0]?.key));
  }
  return sinks;
}

function evaluate(op: OperatorSpec, input: unknown[], key: string | undefined): unknown[] {
  const params = op.params ?? {};
  switch (op.kind) {
    case 'source.sequence':
      return Array.from({ length: Number(params.to) - Number(params.from) + 1 }, (_, i) => Number(params.from) + i);
    case 'source.datagen':
      return Array.from({ length: Number(params.count) }, (_, n) => datagenRecord(params as DatagenParams, n));
    case 'source.collection':
      return (params.elements as { value: unknown }[]).map((e) => e.value);
    case 'map':
      return input.map((v) => compile(params.fn)(v));
    case 'filter':
      return input.filter((v) => compile(params.fn)(v));
    case 'flatMap':
      return input.flatMap((v) => [...(compile(params.fn)(v) as Iterable<unknown>)]);
    case 'union':
      return input;
    case 'sum':
      return rolling(input, compile(key), (acc, v) => {
        const field = params.field as string | undefined;
        if (field === undefined) return (acc as number) + (v as number);
        return {
          ...(acc as object),
          [field]: (acc as Record<string, number>)[field]! + (v as Record<string, number>)[field]!,
        };
      });
    case 'reduce':
      return rolling(input, compile(key), compile(params.fn) as (acc: unknown, v: unknown) => unknown);
    default:
      throw new Error(`the reference evaluator does not cover ${op.kind}`);
  }
}

/** A keyed rolling aggregate, as Flink's sum/reduce: one output per input, the key's aggregate so far. */
function rolling(input: unknown[], keyOf: Fn, combine: (acc: unknown, value: unknown) => unknown): unknown[] {
  const state = new Map<unknown, unknown>();
  return input.map((value) => {
    const key = keyOf(value);
    const next = state.has(key) ? combine(state.get(key), value) : value;
    state.set(key, next);
    return next;
  });
}
