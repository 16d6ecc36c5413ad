/**
 * Rules about the inputs of each operator, as its consumer reads them once unions are resolved (virtual-union.ts):
 * that it has one, and that a keyed operator's inputs are keyed alike.
 */
import { CATALOGUE } from '../catalogue.js';
import type { OperatorSpec } from '../jobgraph.js';
import { resolveVirtualUnions, type ResolvedEdge } from '../virtual-union.js';
import type { DocumentParts } from './document-parts.js';
import { edgePartitioner } from './edge-rules.js';
import { jsonPath } from './json-path.js';
import type { Problem } from './problem.js';

export function inputProblems(parts: DocumentParts): Problem[] {
  const isUnion = (id: string): boolean => {
    const operator = parts.operatorsById.get(id)?.spec;
    return operator !== undefined && CATALOGUE[operator.kind].virtual;
  };
  const inputsOf = new Map<string, ResolvedEdge[]>();
  for (const edge of resolveVirtualUnions(parts.edges, isUnion)) {
    const inputs = inputsOf.get(edge.spec.target);
    if (inputs) inputs.push(edge);
    else inputsOf.set(edge.spec.target, [edge]);
  }

  const problems: Problem[] = [];
  for (const { index, spec } of parts.operatorsById.values()) {
    const info = CATALOGUE[spec.kind];
    // A source's inputs are each reported on their edge (edge-rules); an unsupported operator is reported as such.
    if (info.role === 'source' || info.role === 'unsupported') continue;
    if (!parts.rawEdgeTargets.has(spec.id))
      problems.push({
        path: jsonPath(['operators', index]),
        message: `"${spec.id}" (${spec.kind}) has no input; connect an edge into it`,
      });
    if (info.virtual) continue;
    const inputs = (inputsOf.get(spec.id) ?? []).map((edge) => ({
      edge,
      partitioner: edgePartitioner(edge.spec, parts.operatorsById.get(edge.spec.source)?.spec, spec),
    }));
    problems.push(...forwardThroughUnionProblems(inputs, parts, spec));
    if (info.keyed) problems.push(...keyedInputProblems(inputs, index, spec));
    if (spec.kind === 'window') problems.push(...windowInputProblems(inputs, index, spec));
    if (info.twoInput) problems.push(...twoInputProblems(inputs, index, spec));
  }
  return problems;
}

type Input = { edge: ResolvedEdge; partitioner: string | undefined };

/** A KeyedStream has one key selector: a keyed operator's inputs must all be hash edges with the same key. */
function keyedInputProblems(inputs: Input[], index: number, spec: OperatorSpec): Problem[] {
  const problems: Problem[] = [];
  for (const { edge, partitioner } of inputs) {
    if (partitioner !== 'hash') {
      problems.push({
        path: jsonPath(['edges', edge.partitionerIndex, 'partitioner']),
        message: `"${spec.id}" (${spec.kind}) works on a keyed stream, so its input must be a hash edge with a key (keyBy)`,
      });
    }
  }
  const keys = new Set(inputs.flatMap(({ edge }) => (edge.spec.key === undefined ? [] : [edge.spec.key])));
  if (keys.size > 1) {
    problems.push({
      path: jsonPath(['operators', index]),
      message: `"${spec.id}" (${spec.kind}) reads inputs keyed by different key selectors (${[...keys].map((k) => JSON.stringify(k)).join(', ')}); a keyed stream has one key selector, so key every input alike`,
    });
  }
  return problems;
}

/**
 * A window behind hash edges is a keyed window; behind none it is Flink's windowAll, a non-parallel operator
 * (forceNonParallel: parallelism 1, and setting more throws). Mixing both is neither.
 */
function windowInputProblems(inputs: Input[], index: number, spec: OperatorSpec): Problem[] {
  const hashed = inputs.filter((input) => input.partitioner === 'hash').length;
  if (hashed > 0 && hashed < inputs.length) {
    return [
      {
        path: jsonPath(['operators', index]),
        message: `"${spec.id}" (window) has ${hashed} keyed and ${inputs.length - hashed} non-keyed inputs; key every input with the same hash edge, or none`,
      },
    ];
  }
  if (hashed === 0 && inputs.length > 0 && spec.parallelism > 1) {
    return [
      {
        path: jsonPath(['operators', index, 'parallelism']),
        message: `a window on a non-keyed stream is Flink's windowAll, which runs with parallelism 1, not ${spec.parallelism}; key its input with a hash edge or set parallelism 1`,
      },
    ];
  }
  return [];
}

/**
 * Flink's connect() takes two streams: each input of a two-input operator needs an edge (several on one input are
 * its union input gate). A coProcess is keyed (KeyedCoProcessFunction) when both inputs are keyed; with one keyed
 * input and one not it would be neither, as Flink connects two KeyedStreams or two plain ones.
 */
function twoInputProblems(inputs: Input[], index: number, spec: OperatorSpec): Problem[] {
  const problems: Problem[] = [];
  for (const side of [1, 2] as const) {
    if (inputs.some(({ edge }) => edge.spec.input === side)) continue;
    // An edge without `input` is reported on the edge itself (edge-rules).
    if (inputs.some(({ edge }) => edge.spec.input === undefined)) continue;
    problems.push({
      path: jsonPath(['operators', index]),
      message: `"${spec.id}" (${spec.kind}) has no edge into its input ${side}; connect one with "input": ${side}`,
    });
  }
  if (spec.kind !== 'coProcess') return problems;
  const hashed = inputs.filter((input) => input.partitioner === 'hash').length;
  if (hashed > 0 && hashed < inputs.length) {
    problems.push({
      path: jsonPath(['operators', index]),
      message: `"${spec.id}" (coProcess) has ${hashed} keyed and ${inputs.length - hashed} non-keyed inputs; key both inputs with hash edges (KeyedCoProcessFunction), or neither`,
    });
  }
  for (const side of [1, 2] as const) {
    const keys = new Set(
      inputs.flatMap(({ edge }) => (edge.spec.input === side && edge.spec.key ? [edge.spec.key] : [])),
    );
    if (keys.size > 1)
      problems.push({
        path: jsonPath(['operators', index]),
        message: `"${spec.id}" (coProcess) reads its input ${side} keyed by different key selectors (${[...keys].map((k) => JSON.stringify(k)).join(', ')}); key every edge of one input alike`,
      });
  }
  return problems;
}

/** StreamGraph throws on a forward edge between unequal parallelisms (§1); through a union the real producer counts. */
function forwardThroughUnionProblems(inputs: Input[], parts: DocumentParts, spec: OperatorSpec): Problem[] {
  return inputs.flatMap(({ edge, partitioner }) => {
    const from = parts.operatorsById.get(edge.spec.source)?.spec;
    if (edge.edgeIndices.length === 1 || partitioner !== 'forward' || edge.spec.partitioner === undefined) return [];
    if (from === undefined || from.parallelism < 1 || spec.parallelism < 1 || from.parallelism === spec.parallelism)
      return [];
    return [
      {
        path: jsonPath(['edges', edge.partitionerIndex, 'partitioner']),
        message: `forward needs equal parallelism on both sides, but through the union "${from.id}" has ${from.parallelism} and "${spec.id}" has ${spec.parallelism}; use rebalance or rescale`,
      },
    ];
  });
}
